"""One documented TOML settings file, with defaults that work when there is no file.

Every option is declared once in :data:`OPTIONS` with its default, its check and a line of
documentation; the example file, loading, validation and saving all come from that table.
A bad value never stops the kiosk: it is reported by key and the default is used instead.
"""

from __future__ import annotations

import base64
import binascii
import importlib.util
import ipaddress
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk.textcheck import bad_char, char_name

LANGUAGES = ("vi", "en", "ar")
# The priority groups the queue knows (each has words in the catalogs and a pictogram).
PRIORITY_CATEGORIES = ("elderly", "disability", "pregnant", "poor_household", "small_child")
# Database kinds and drivers the kiosk can use: SQLAlchemy's name -> the Python module it
# needs ("" is SQLAlchemy's default driver for that kind).
DATABASE_DRIVERS = {
    "sqlite": {"": "sqlite3", "pysqlite": "sqlite3"},
    "postgresql": {
        "": "psycopg2",
        "psycopg": "psycopg",
        "psycopg2": "psycopg2",
        "pg8000": "pg8000",
    },
}

# What a check says is a message code with its values: English here, every language in
# the catalogs (``settings.err.<code>``), so volunteers read it in their own language.
MESSAGES = {
    "int_range": "must be a whole number from {lo} to {hi}",
    "out_of_range": "must be from {lo} to {hi}, not {value}",
    "number_range": "must be a number from {lo} to {hi}",
    "one_of": "must be one of {choices}",
    "boolean": "must be true or false, without quotes",
    "text": "must be text in quotes",
    "too_long": "must be at most {limit} characters",
    "languages": 'must be a list of language codes, e.g. ["vi", "en", "ar"]',
    "unknown_language": "unknown language {code}; known: {known}",
    "needs_vi": 'must include "vi" (Vietnamese is always offered)',
    "names": "must be a list of names in quotes",
    "url": "must be a web address in quotes",
    "https": "must start with https:// (plain http only to this machine)",
    "url_host": "must name the collector's address, e.g. https://collector.example.vn",
    "control_char": "must not contain control or text-direction characters (found {char})",
    "duplicate": "names {code} twice; give each once",
    "unknown_category": "unknown priority group {code}; known: {known}",
    "no_category": 'must name at least one priority group, e.g. ["elderly"]',
    "public_key": "must be the coordinator's public key: 44 letters and digits "
    "(base64 of 32 bytes), as shown by the collector",
    "db_url": 'must be a database address such as "postgresql+psycopg://kiosk@dbhost/kiosk"',
    "db_kind": "unknown kind of database {kind}; known: {known}",
    "db_driver": "needs the driver {driver}, which is not installed on this laptop",
    "default_used": "{reason}; using the default {default}",
    "bad_toml": "the settings file is not valid TOML ({error}); all defaults are used",
    "unreadable": "cannot read {path}: {error}; all defaults are used",
    "unknown_section": "unknown section, ignored",
    "not_section": "must be a [section] with keys, ignored",
    "unknown_key": "unknown key, ignored",
}


@dataclass(frozen=True)
class Msg:
    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str | None = None) -> str:
        params = {k: (v.text(lang) if isinstance(v, Msg) else v) for k, v in self.params}
        if lang is not None:
            from kiosk.i18n import translate

            key = f"settings.err.{self.code}"
            out = translate(key, lang, **params)
            if out != key:
                return out
        return MESSAGES[self.code].format(**params)


def _msg(_code: str, **params: Any) -> Msg:
    return Msg(_code, tuple(params.items()))


Check = Callable[[Any], Msg | None]


@dataclass(frozen=True)
class Option:
    section: str
    key: str
    default: Any
    doc: str
    check: Check | None = None

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"


def _int_range(lo: int, hi: int) -> Check:
    def check(v: Any) -> Msg | None:
        if isinstance(v, bool) or not isinstance(v, int):
            return _msg("int_range", lo=lo, hi=hi)
        if not lo <= v <= hi:
            return _msg("out_of_range", lo=lo, hi=hi, value=v)
        return None

    return check


def _float_range(lo: float, hi: float) -> Check:
    def check(v: Any) -> Msg | None:
        if isinstance(v, bool) or not isinstance(v, int | float):
            return _msg("number_range", lo=lo, hi=hi)
        if not lo <= v <= hi:
            return _msg("out_of_range", lo=lo, hi=hi, value=v)
        return None

    return check


def _one_of(*choices: str) -> Check:
    def check(v: Any) -> Msg | None:
        if v not in choices:
            return _msg("one_of", choices=", ".join(repr(c) for c in choices))
        return None

    return check


def _text(max_len: int = 200) -> Check:
    def check(v: Any) -> Msg | None:
        if not isinstance(v, str):
            return _msg("text")
        if len(v) > max_len:
            return _msg("too_long", limit=max_len)
        return _no_control(v)

    return check


def _no_control(v: str) -> Msg | None:
    ch = bad_char(v)
    return None if ch is None else _msg("control_char", char=char_name(ch))


def _bool(v: Any) -> Msg | None:
    return None if isinstance(v, bool) else _msg("boolean")


def _languages(v: Any) -> Msg | None:
    if not isinstance(v, list) or not v or not all(isinstance(x, str) for x in v):
        return _msg("languages")
    unknown = [x for x in v if x not in LANGUAGES]
    if unknown:
        return _msg("unknown_language", code=repr(unknown[0]), known=", ".join(LANGUAGES))
    if (twice := _first_duplicate(v)) is not None:
        return _msg("duplicate", code=repr(twice))
    if "vi" not in v:
        return _msg("needs_vi")
    return None


def _first_duplicate(items: list[str]) -> str | None:
    seen: set[str] = set()
    for x in items:
        if x in seen:
            return x
        seen.add(x)
    return None


def _categories(v: Any) -> Msg | None:
    if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
        return _msg("names")
    if not v:
        return _msg("no_category")
    unknown = [x for x in v if x not in PRIORITY_CATEGORIES]
    if unknown:
        return _msg("unknown_category", code=repr(unknown[0]), known=", ".join(PRIORITY_CATEGORIES))
    if (twice := _first_duplicate(v)) is not None:
        return _msg("duplicate", code=repr(twice))
    return None


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url(v: Any) -> Msg | None:
    """Empty (no collector), or https:// with a host; plain http only to this machine."""
    if not isinstance(v, str):
        return _msg("url")
    if not v:
        return None
    if (bad := _no_control(v)) is not None:
        return bad
    if len(v) > 500:
        return _msg("too_long", limit=500)
    try:
        parts = urlsplit(v)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return _msg("url_host")
    if parts.scheme not in ("https", "http") or (parts.scheme == "http" and not _loopback(host)):
        return _msg("https")
    if not host or " " in v:
        return _msg("url_host")
    return None


def _public_key(v: Any) -> Msg | None:
    """Empty (names and phones are then not exported), or a 32-byte key in base64."""
    if not isinstance(v, str):
        return _msg("text")
    if not v.strip():
        return None
    try:
        raw = base64.b64decode(v.strip(), validate=True)
    except (binascii.Error, ValueError):
        return _msg("public_key")
    return None if len(raw) == 32 else _msg("public_key")


_DB_URL = re.compile(r"^(?P<kind>[a-z][a-z0-9]*)(?:\+(?P<driver>[a-z0-9_]+))?://")


def database_problem(v: Any) -> Msg | None:
    """Empty (the embedded SQLite file), or an address whose driver is installed here.
    Looking the driver up does not import it, so this is cheap enough for every start."""
    if not isinstance(v, str):
        return _msg("text")
    if not v:
        return None
    if len(v) > 500:
        return _msg("too_long", limit=500)
    if (bad := _no_control(v)) is not None:
        return bad
    m = _DB_URL.match(v)
    if m is None:
        return _msg("db_url")
    kind, driver = m["kind"], m["driver"] or ""
    drivers = DATABASE_DRIVERS.get(kind)
    if drivers is None:
        return _msg("db_kind", kind=repr(kind), known=", ".join(DATABASE_DRIVERS))
    module = drivers.get(driver)
    if module is None:
        known = ", ".join(f"{kind}+{d}" for d in drivers if d)
        return _msg("db_kind", kind=repr(f"{kind}+{driver}"), known=known)
    if importlib.util.find_spec(module) is None:
        return _msg("db_driver", driver=module)
    return None


OPTIONS: tuple[Option, ...] = (
    Option(
        "point",
        "name",
        "Điểm hỗ trợ chuyển đổi số",
        "Name of the point, shown on screen and on slips.",
        _text(80),
    ),
    Option("point", "ward", "", "Ward (phường/xã) the point serves.", _text(80)),
    Option(
        "point",
        "kiosk_id",
        "",
        "Stable id of this kiosk. Empty: one is made at first start and kept in the database.",
        _text(64),
    ),
    Option(
        "display",
        "languages",
        ["vi", "en", "ar"],
        "Languages offered on the language button, in order.",
        _languages,
    ),
    Option(
        "display", "default_language", "vi", "Language each citizen starts in.", _one_of(*LANGUAGES)
    ),
    Option(
        "display",
        "text_scale",
        100,
        "Starting text size in percent (100-200).",
        _int_range(100, 200),
    ),
    Option("display", "high_contrast", False, "Start in the high-contrast theme.", _bool),
    Option(
        "display",
        "screen_dpi",
        0,
        "Physical dots per inch of the screen, for true 16 mm "
        "buttons. 0: ask the screen (laptops often report it wrong; measure and set it).",
        _int_range(0, 600),
    ),
    Option("display", "fullscreen", True, "Start full-screen and frameless.", _bool),
    Option(
        "session",
        "idle_timeout_seconds",
        180,
        'Seconds without a touch before the "I am still here" prompt (citizen mode).',
        _int_range(30, 3600),
    ),
    Option(
        "session",
        "idle_countdown_seconds",
        30,
        "Seconds the prompt counts down before the "
        "kiosk returns home and forgets the citizen (at least 20).",
        _int_range(20, 300),
    ),
    Option(
        "speech", "always_read_aloud", False, "Read every guide step aloud without a tap.", _bool
    ),
    Option(
        "speech",
        "volume",
        0.8,
        "Speech volume from 0.0 to 1.0, restored for each citizen.",
        _float_range(0.0, 1.0),
    ),
    Option(
        "speech",
        "rate",
        -0.2,
        "Speech speed from -1.0 (slow) to 1.0 (fast).",
        _float_range(-1.0, 1.0),
    ),
    Option(
        "speech",
        "voice_vi",
        "",
        "Voice that reads Vietnamese, named as the settings screen shows it. "
        "Empty: chosen automatically (the Northern voice).",
        _text(120),
    ),
    Option(
        "speech",
        "voice_en",
        "",
        "Voice that reads English, named as the settings screen shows it. "
        "Empty: chosen automatically.",
        _text(120),
    ),
    Option(
        "speech",
        "voice_ar",
        "",
        "Voice that reads Arabic, named as the settings screen shows it. "
        "Empty: chosen automatically.",
        _text(120),
    ),
    Option(
        "queue",
        "priority_categories",
        ["elderly", "disability", "pregnant", "poor_household", "small_child"],
        "Priority categories offered when taking a number "
        "(" + ", ".join(PRIORITY_CATEGORIES) + ").",
        _categories,
    ),
    Option(
        "queue",
        "max_priority_in_a_row",
        3,
        "Call at most this many priority tickets in a row while others wait.",
        _int_range(1, 20),
    ),
    Option(
        "queue",
        "max_wait_minutes",
        30,
        "Anyone who has waited this long is called next, priority or not.",
        _int_range(5, 240),
    ),
    Option(
        "queue",
        "desks",
        2,
        "Number of desks (volunteers serving) at this point.",
        _int_range(1, 20),
    ),
    Option(
        "queue",
        "default_service_minutes",
        10,
        "Minutes one citizen is expected to take "
        "at a desk, until the kiosk has learned it from the day's services.",
        _int_range(1, 120),
    ),
    Option(
        "queue",
        "announce_languages",
        ["vi"],
        "Languages each call is spoken in, in order (Vietnamese first).",
        _languages,
    ),
    Option(
        "printer",
        "kind",
        "system",
        'How slips are printed: "system" (CUPS or Windows '
        'printer), "escpos" (small thermal printer without a driver) or "none".',
        _one_of("system", "escpos", "none"),
    ),
    Option("printer", "name", "", "System printer name. Empty: the default printer.", _text(120)),
    Option(
        "printer",
        "escpos_device",
        "",
        'ESC/POS printer: USB as "usb:VID:PID" or a device file such as "/dev/usb/lp0".',
        _text(120),
    ),
    Option(
        "printer",
        "format",
        "80mm",
        'Slip format: "80mm" or "58mm" receipt roll, or "A6".',
        _one_of("80mm", "58mm", "A6"),
    ),
    Option("printer", "logo", "", "Optional logo image (PNG) printed on each slip.", _text(300)),
    Option("printer", "footer", "", "Optional footer line printed on each slip.", _text(120)),
    Option(
        "storage",
        "database_url",
        "",
        "SQLAlchemy address of the database. Empty: an "
        "embedded SQLite file in the data folder. Example: "
        '"postgresql+psycopg://kiosk@dbhost/kiosk".',
        database_problem,
    ),
    Option(
        "export",
        "collector_url",
        "",
        "Address of the coordinator's collector, e.g. "
        '"https://collector.example.vn". Empty: USB export only.',
        _url,
    ),
    Option(
        "export",
        "collector_token",
        "",
        "This kiosk's upload token, given by the coordinator.",
        _text(200),
    ),
    Option(
        "export",
        "coordinator_public_key",
        "",
        "The coordinator's public key (base64); "
        "names and phones leave the kiosk only encrypted for it.",
        _public_key,
    ),
    Option(
        "privacy",
        "retention_days",
        30,
        "Days a consented name or phone is kept before it is erased from this kiosk.",
        _int_range(1, 365),
    ),
)

OPTIONS_BY_NAME = {o.name: o for o in OPTIONS}
SECTIONS = tuple(dict.fromkeys(o.section for o in OPTIONS))


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the settings file, naming the key."""

    key: str
    msg: Msg

    @property
    def message(self) -> str:
        return self.msg.text()

    def text(self, lang: str) -> str:
        """The problem in ``lang``, still naming the key."""
        body = self.msg.text(lang)
        return f"{self.key}: {body}" if self.key else body

    def __str__(self) -> str:
        return f"{self.key}: {self.message}" if self.key else self.message


@dataclass
class Settings:
    """All settings; read with ``settings["point.name"]``."""

    values: dict[str, Any] = field(default_factory=lambda: {o.name: o.default for o in OPTIONS})
    path: Path | None = None

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def replace(self, **changes: Any) -> Settings:
        """A copy with some values changed; ``changes`` use ``section__key`` names."""
        values = dict(self.values)
        for k, v in changes.items():
            name = k.replace("__", ".")
            if name not in OPTIONS_BY_NAME:
                raise KeyError(name)
            values[name] = v
        return Settings(values, self.path)

    def validate(self) -> list[Problem]:
        problems = []
        for o in OPTIONS:
            if o.check and (msg := o.check(self.values[o.name])):
                problems.append(Problem(o.name, msg))
        return problems


def defaults() -> Settings:
    return Settings()


def parse(text: str, path: Path | None = None) -> tuple[Settings, list[Problem]]:
    """Settings from TOML text; problems name the key, and each bad key keeps its default."""
    import tomllib  # only when there is a settings file: a new kiosk has none

    settings = Settings(path=path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return settings, [Problem("", _msg("bad_toml", error=str(exc)))]
    problems: list[Problem] = []
    for section, body in data.items():
        if section not in SECTIONS:
            problems.append(Problem(section, _msg("unknown_section")))
            continue
        if not isinstance(body, dict):
            problems.append(Problem(section, _msg("not_section")))
            continue
        for key, value in body.items():
            name = f"{section}.{key}"
            option = OPTIONS_BY_NAME.get(name)
            if option is None:
                problems.append(Problem(name, _msg("unknown_key")))
                continue
            if (
                isinstance(option.default, float)
                and isinstance(value, int)
                and not isinstance(value, bool)
            ):
                value = float(value)
            if option.check and (msg := option.check(value)):
                problems.append(
                    Problem(name, _msg("default_used", reason=msg, default=repr(option.default)))
                )
                continue
            settings.values[name] = value
    return settings, problems


def load(path: Path | None = None) -> tuple[Settings, list[Problem]]:
    """Load the settings file; a missing file means all defaults and no problem."""
    if path is None:
        from kiosk.paths import config_file

        path = config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(path=path), []
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(path=path), [
            Problem("", _msg("unreadable", path=str(path), error=str(exc)))
        ]
    return parse(text, path)


def _toml_line(key: str, value: Any) -> str:
    """``key = value`` written by a real TOML writer, so every accepted value round-trips
    (quotes, backslashes, carriage returns and any other character included)."""
    import tomli_w

    def one(v: Any) -> str:
        return tomli_w.dumps({"v": v}).rstrip("\n").removeprefix("v = ")

    if isinstance(value, list):  # on one line, each item still written by tomli-w
        return f"{key} = [" + ", ".join(one(v) for v in value) + "]"
    return tomli_w.dumps({key: value}).rstrip("\n")


def dumps(settings: Settings, with_docs: bool = True) -> str:
    """The settings as a documented TOML file."""
    lines = [
        "# Literacy kiosk settings. Every key is optional; delete a line to use the default.",
        "",
    ]
    for section in SECTIONS:
        lines.append(f"[{section}]")
        for o in OPTIONS:
            if o.section != section:
                continue
            if with_docs:
                lines.append(f"# {o.doc}")
            lines.append(_toml_line(o.key, settings[o.name]))
        lines.append("")
    return "\n".join(lines)


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings safely: a temporary file, flushed, then renamed over the old one."""
    problems = settings.validate()
    if problems:
        raise ValueError("; ".join(str(p) for p in problems))
    target = path or settings.path
    if target is None:
        from kiosk.paths import config_file

        target = config_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".toml.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(dumps(settings))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
    return target
