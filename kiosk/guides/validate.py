"""Read one guide pack and report every problem in it at once.

Each problem names the file and the field (``steps[3].vi.text``: steps and problems are
counted from 1, as authors count them) and says what to change. A pack with no problem
becomes a :class:`~kiosk.guides.model.Guide`.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk.guides.model import (
    GUIDE_FILE,
    LANGS,
    REQUIRED_LANGS,
    Explainer,
    Guide,
    GuideText,
    Issue,
    Problem,
    ProblemText,
    Step,
    StepText,
    lang_order,
)
from kiosk.guides.plain import review
from kiosk.guides.provenance import check_provenance
from kiosk.guides.safe_read import load_toml, order_problem, text_problems
from kiosk.guides.svg import check_svg
from kiosk.services import SERVICES

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PICTURE_RE = re.compile(r"^[A-Za-z0-9_-]+\.svg$")
MIN_STEPS, MAX_STEPS = 4, 12
MIN_PROBLEMS, MAX_PROBLEMS = 2, 4
MAX_BRING = 5
MAX_MINUTES = 120
LANG_RE = re.compile(r"^[a-z]{2,3}$")
# A pack's edition, e.g. "2026.11.30" or "3": the kiosk reports it to the coordinator.
VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+-]{0,19}$")

TOP_KEYS = (
    "id",
    "service",
    "order",
    "icon",
    "official_url",
    "sources",
    "field_checked",
    "minutes",
    "version",
    "text",
    "steps",
    "problems",
)
# key -> (required, max length); "bring" is a list.
GUIDE_TEXT = {
    "title": (True, 60),
    "can_do": (True, 160),
    "bring": (True, 60),
    "next_at_home": (True, 200),
}
STEP_TEXT = {"text": (True, 200), "tip": (False, 160), "warning": (False, 160)}
PROBLEM_TEXT = {"problem": (True, 120), "fix": (True, 200)}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass
class _Check:
    folder: Path
    today: date | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def toml(self) -> Path:
        return self.folder / GUIDE_FILE

    def add(
        self, where: str, message: str, path: Path | None = None, severity: str = "error"
    ) -> None:
        self.issues.append(Issue(path or self.toml, where, message, severity))

    @property
    def errors(self) -> bool:
        return any(i.severity == "error" for i in self.issues)

    # -- small checks ------------------------------------------------------------
    def unknown_keys(self, table: dict[str, Any], allowed: tuple[str, ...], where: str) -> None:
        for key in table:
            if key not in allowed:
                name = f"{where}.{key}" if where else key
                self.add(name, "unknown field; allowed here: " + ", ".join(allowed))

    def text(self, value: Any, where: str, limit: int, required: bool = True) -> str:
        if value is None:
            if required:
                self.add(where, "missing")
            return ""
        if not isinstance(value, str):
            self.add(where, "must be text in quotes")
            return ""
        if nfc(value) != value:
            self.add(
                where,
                "is not in NFC form (pre-composed letters); the kiosk fixes it "
                'when loading, but please retype it with Unikey set to "Unicode '
                'dựng sẵn"',
                severity="warning",
            )
        for message in text_problems(value):
            self.add(where, message)
        cleaned = nfc(value).strip()
        if not cleaned:
            if required:
                self.add(where, "is empty")
            return ""
        if len(cleaned) > limit:
            self.add(where, f"is {len(cleaned)} characters long; at most {limit} fit on the screen")
        return cleaned

    def picture(self, value: Any, where: str, kind: str = "step") -> Path | None:
        if not isinstance(value, str) or not value:
            self.add(where, 'missing: name the drawing, e.g. "step01.svg"')
            return None
        if not PICTURE_RE.match(value):
            self.add(
                where, f"{value!r} must be a plain file name ending in .svg, in this guide's folder"
            )
            return None
        path = self.folder / value
        if not os.path.lexists(path):
            self.add(where, f"the picture {value} is missing from the folder")
            return None
        for f, message in check_svg(path, kind):
            self.add(f, message, path)
        return path

    def languages_table(
        self, value: Any, where: str, keys: dict[str, tuple[bool, int]], expected: set[str]
    ) -> dict[str, dict[str, Any]]:
        """The per-language tables of one entry, each checked field by field."""
        found: dict[str, dict[str, Any]] = {}
        if not isinstance(value, dict):
            self.add(where, "must be a table of languages ([...vi], [...en], [...ar])")
            return found
        for lang in sorted(expected - set(value), key=lang_order):
            self.add(f"{where}.{lang}", f"missing translation ({lang})")
        for lang, body in value.items():
            name = f"{where}.{lang}"
            if not LANG_RE.match(lang):
                self.add(
                    name,
                    "unknown field; a language is a 2 or 3 letter code such as " + ", ".join(LANGS),
                )
                continue
            if not isinstance(body, dict):
                self.add(name, "must be a table of texts")
                continue
            self.unknown_keys(body, tuple(keys), name)
            out: dict[str, Any] = {}
            for key, (required, limit) in keys.items():
                if key == "bring":
                    out[key] = self.bring(body.get(key), f"{name}.{key}", limit)
                else:
                    out[key] = self.text(body.get(key), f"{name}.{key}", limit, required)
            found[lang] = out
        return found

    def bring(self, value: Any, where: str, limit: int) -> tuple[str, ...]:
        if value is None:
            self.add(where, 'missing: list what to bring, e.g. ["Chip ID card"]')
            return ()
        if not isinstance(value, list):
            self.add(where, "must be a list in square brackets")
            return ()
        if not 1 <= len(value) <= MAX_BRING:
            self.add(where, f"has {len(value)} items; give 1 to {MAX_BRING}")
        return tuple(self.text(v, f"{where}[{i}]", limit) for i, v in enumerate(value, 1))

    def same_optional(self, texts: dict[str, dict[str, Any]], where: str) -> None:
        """A tip or warning written in one language must be there in the others too."""
        for key in ("tip", "warning"):
            having = [lang for lang, t in texts.items() if t.get(key)]
            if having:
                for lang in texts:
                    if not texts[lang].get(key):
                        self.add(
                            f"{where}.{lang}.{key}",
                            f"missing translation ({lang}): the {key} is written in "
                            + ", ".join(having),
                        )


def _pack_languages(data: dict[str, Any]) -> set[str]:
    """Every language any entry of the pack is written in, plus the required ones."""
    langs = set(REQUIRED_LANGS)
    tables: list[Any] = [data.get("text")]
    for key in ("steps", "problems"):
        if isinstance(data.get(key), list):
            tables += [e for e in data[key] if isinstance(e, dict)]
    for table in tables:
        if isinstance(table, dict):
            langs |= {k for k in table if LANG_RE.match(k) and isinstance(table[k], dict)}
    return langs


def _other_texts(
    texts: dict[str, dict[str, Any]], problems: list[Problem]
) -> list[tuple[str, str, str]]:
    """The guide's texts outside the steps, as (field, language, text)."""
    out = []
    for lang, t in texts.items():
        for key in ("title", "can_do", "next_at_home"):
            out.append((f"text.{lang}.{key}", lang, t.get(key, "")))
    for n, p in enumerate(problems, 1):
        for lang, pt in p.texts.items():
            out.append((f"problems[{n}].{lang}.problem", lang, pt.problem))
            out.append((f"problems[{n}].{lang}.fix", lang, pt.fix))
    return out


def _explained(step: Step, explain: dict[str, tuple[Explainer, ...]]) -> Step:
    texts = {k: replace(v, explain=explain.get(k, ())) for k, v in step.texts.items()}
    return replace(step, texts=texts)


def check_pack(folder: Path, today: date | None = None) -> tuple[Guide | None, list[Issue]]:
    """Check the pack in ``folder``; the guide when it has no problem, and every problem."""
    c = _Check(folder, today)
    try:
        data, unsafe = load_toml(c.toml)
    except FileNotFoundError:
        c.add("file", f"missing: each guide folder needs a {GUIDE_FILE}")
        return None, c.issues
    if data is None:
        for where, message in unsafe:
            c.add(where, message)
        return None, c.issues

    c.unknown_keys(data, TOP_KEYS, "")
    gid = data.get("id")
    if not isinstance(gid, str) or not ID_RE.match(gid):
        c.add("id", f"{gid!r} must be lowercase letters a-z, digits and '-', e.g. \"vneid-level1\"")
    elif gid != folder.name:
        c.add("id", f"{gid!r} must equal the folder name {folder.name!r}")
    service = data.get("service")
    if service not in SERVICES:
        c.add("service", f"{service!r} is not a known service; use one of " + ", ".join(SERVICES))
    order = data.get("order")
    if (bad_order := order_problem(order)) is not None:
        c.add("order", bad_order)
    icon = c.picture(data.get("icon"), "icon", kind="icon")
    url = data.get("official_url")
    try:
        parts = urlsplit(url) if isinstance(url, str) else None
    except ValueError:  # e.g. a broken [IPv6] address
        parts = None
    if (
        not isinstance(url, str)
        or parts is None
        or parts.scheme != "https"
        or not parts.hostname
        or " " in url
        or text_problems(url)
    ):
        c.add(
            "official_url", f'{url!r} must be a full https:// address, e.g. "https://vneid.gov.vn/"'
        )
    sources, field_checked = check_provenance(data, today, c.add)
    minutes = data.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= MAX_MINUTES:
        c.add("minutes", f"must be a whole number of minutes from 1 to {MAX_MINUTES}")

    version = data.get("version", "")
    if not isinstance(version, str) or (version and not VERSION_RE.match(version)):
        c.add(
            "version",
            f"{version!r} must be text in quotes of at most 20 letters, digits, '.', '+' "
            "or '-', e.g. \"2026.11.30\"",
        )
    expected = _pack_languages(data)
    texts = c.languages_table(data.get("text"), "text", GUIDE_TEXT, expected)

    steps_raw = data.get("steps")
    steps: list[Step] = []
    step_texts: list[dict[str, dict[str, Any]]] = []
    flags: list[bool] = []
    if not isinstance(steps_raw, list) or not all(isinstance(s, dict) for s in steps_raw):
        c.add("steps", f"missing: add {MIN_STEPS} to {MAX_STEPS} [[steps]] tables")
        steps_raw = []
    elif not MIN_STEPS <= len(steps_raw) <= MAX_STEPS:
        c.add("steps", f"has {len(steps_raw)} steps; a guide has {MIN_STEPS} to {MAX_STEPS}")
    for n, step in enumerate(steps_raw, 1):
        where = f"steps[{n}]"
        for key, value in step.items():
            if key not in ("picture", "names_ui") and not (
                LANG_RE.match(key) and isinstance(value, dict)
            ):
                c.add(
                    f"{where}.{key}",
                    "unknown field; allowed here: picture, names_ui and a table "
                    "per language ([steps.vi], [steps.en], ...)",
                )
        picture = c.picture(step.get("picture"), f"{where}.picture")
        flag = step.get("names_ui", False)
        if not isinstance(flag, bool):
            c.add(f"{where}.names_ui", "must be true or false, without quotes")
        langs = {
            k: v
            for k, v in step.items()
            if k != "picture" and LANG_RE.match(k) and isinstance(v, dict)
        }
        if not langs:
            c.add(where, "empty step: it has no text in any language")
        st = c.languages_table(langs, where, STEP_TEXT, expected)
        c.same_optional(st, where)
        step_texts.append(st)
        flags.append(flag is True)
        if picture is not None:
            steps.append(Step(n, picture, {k: StepText(**v) for k, v in st.items()}, flag is True))

    problems_raw = data.get("problems")
    problems: list[Problem] = []
    if not isinstance(problems_raw, list) or not all(isinstance(p, dict) for p in problems_raw):
        c.add(
            "problems",
            f"missing: add {MIN_PROBLEMS} to {MAX_PROBLEMS} [[problems]] with their fixes",
        )
        problems_raw = []
    elif not MIN_PROBLEMS <= len(problems_raw) <= MAX_PROBLEMS:
        c.add(
            "problems",
            f"has {len(problems_raw)} entries; give {MIN_PROBLEMS} to "
            f"{MAX_PROBLEMS} common problems",
        )
    for n, prob in enumerate(problems_raw, 1):
        pt = c.languages_table(prob, f"problems[{n}]", PROBLEM_TEXT, expected)
        problems.append(Problem({k: ProblemText(**v) for k, v in pt.items()}))

    words = review(step_texts, flags, _other_texts(texts, problems))
    for f in words.findings:
        c.add(f.where, f.message, severity=f.severity)
    steps = [_explained(s, words.explain[s.number - 1]) for s in steps]
    if c.errors:
        return None, c.issues
    # Without errors, every field below was found to be of its type.
    assert icon is not None and isinstance(url, str)
    assert isinstance(gid, str) and isinstance(service, str)
    assert isinstance(order, int) and isinstance(minutes, int)
    guide = Guide(
        id=gid,
        service=service,
        order=order,
        folder=folder,
        icon=icon,
        official_url=url,
        sources=sources,
        field_checked=field_checked,
        minutes=minutes,
        version=version,
        texts={
            k: GuideText(**v) for k, v in sorted(texts.items(), key=lambda kv: lang_order(kv[0]))
        },
        steps=tuple(steps),
        problems=tuple(problems),
    )
    return guide, c.issues
