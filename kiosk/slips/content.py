"""What goes on a slip, gathered from a saved visit; no layout here.

Guide facts come through :data:`GuideSource`, a plain function ``(guide_id, language) ->
SlipGuide | None``, so the slip does not depend on how guide packs are loaded. A slip holds no
personal data: no name, no phone, only the ticket and the follow-up code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from kiosk.i18n import translate

if TYPE_CHECKING:  # the database code is only needed when a slip is made
    from kiosk.storage.models import Visit

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

# Where the QR code leads when no guide with its own address was viewed: the official
# address of each service the point teaches (the first service of the visit wins).
OFFICIAL_URLS: dict[str, str] = {
    "vneid": "https://vneid.gov.vn",
    "public-service": "https://dichvucong.gov.vn",
    "payments": "https://dichvucong.gov.vn",
    "mps": "https://dichvucong.bocongan.gov.vn",
    "ihanoi": "https://ihanoi.hanoi.gov.vn",
    "etax": "https://thuedientu.gdt.gov.vn",
    "pension": "https://baohiemxahoi.gov.vn",
    "scam-safety": "https://khonggianmang.vn",
}
DEFAULT_URL = "https://dichvucong.gov.vn"


@dataclass(frozen=True)
class SlipGuide:
    """The facts of one guide a slip needs, already in the visit's language."""

    id: str
    title: str
    next_at_home: str = ""
    official_url: str = ""


GuideSource = Callable[[str, str], SlipGuide | None]


def no_guides(_guide_id: str, _lang: str) -> SlipGuide | None:
    return None


@dataclass(frozen=True)
class SlipData:
    """Everything printed on one slip."""

    language: str
    point_name: str
    when: datetime
    ticket: str
    follow_up_code: str
    services: tuple[str, ...] = ()
    guides: tuple[SlipGuide, ...] = ()
    outcomes: tuple[str, ...] = ()
    qr_url: str = DEFAULT_URL
    footer: str = ""
    logo: str = ""

    def t(self, key: str, **kwargs: object) -> str:
        return translate(key, self.language, **kwargs)

    @property
    def local_time(self) -> str:
        return self.when.astimezone(HANOI).strftime("%d/%m/%Y %H:%M")

    def service_names(self) -> list[str]:
        return [self.t(f"service.{sid}") for sid in self.services]

    def outcome_names(self) -> list[str]:
        return [outcome_text(o, self.language) for o in self.outcomes]


def outcome_text(key: str, lang: str) -> str:
    """An outcome key in words: the slips' catalog first, then the queue console's, then the
    key tidied (a gap a test over every outcome and language keeps from reaching paper)."""
    for cat_key in (f"slips.outcome.{key}", f"queue.outcome_{key}"):
        text = translate(cat_key, lang)
        if text != cat_key:
            return text
    return key.replace("_", " ").replace("-", " ")


def qr_target(guides: tuple[SlipGuide, ...], services: tuple[str, ...]) -> str:
    """The first viewed guide with an address, else the first service's official address."""
    for g in guides:
        if g.official_url:
            return g.official_url
    for sid in services:
        if sid in OFFICIAL_URLS:
            return OFFICIAL_URLS[sid]
    return DEFAULT_URL


def from_visit(
    visit: Visit,
    *,
    point_name: str,
    guides: GuideSource = no_guides,
    footer: str = "",
    logo: str = "",
) -> SlipData:
    """Slip data from a loaded :class:`~kiosk.storage.models.Visit` (services and guide views
    loaded with it)."""
    lang: str = visit.language or "vi"
    services = tuple(vs.service_id for vs in visit.services)
    guide_ids = list(dict.fromkeys(gv.guide_id for gv in visit.guide_views))
    found: list[SlipGuide] = []
    for gid in guide_ids:
        g = guides(gid, lang)
        if g is not None:
            found.append(g)
    found_t = tuple(found)
    return SlipData(
        language=lang,
        point_name=point_name,
        when=visit.finished_at or visit.created_at,
        ticket=visit.ticket,
        follow_up_code=visit.follow_up_code,
        services=services,
        guides=found_t,
        outcomes=tuple(visit.outcome or ()),
        qr_url=qr_target(found_t, services),
        footer=footer,
        logo=logo,
    )
