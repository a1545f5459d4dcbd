"""Every setting is checked for what it means, not just its type; a bad value is named by
key and its default is used; whatever is accepted is saved and read back unchanged."""

from __future__ import annotations

import base64
import importlib.util
import tomllib
from pathlib import Path

import pytest
import tomli_w

from kiosk import settings as st
from kiosk.app_context import load_context

# Every free-text setting (those with a fixed list of choices are checked by that list).
CHOICES = ("display.default_language", "printer.kind", "printer.format")
TEXT_OPTIONS = [o.name for o in st.OPTIONS if isinstance(o.default, str) and o.name not in CHOICES]
CONTROL_CHARS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))]
A_KEY = base64.b64encode(bytes(range(32))).decode()


def _load(tmp_path: Path, values: dict[str, object]) -> tuple[st.Settings, list[st.Problem]]:
    """Write ``values`` (``section.key`` names) with a real TOML writer, then load them."""
    data: dict[str, dict[str, object]] = {}
    for name, value in values.items():
        section, key = name.split(".")
        data.setdefault(section, {})[key] = value
    path = tmp_path / "settings.toml"
    path.write_text(tomli_w.dumps(data), "utf-8")
    return st.load(path)


def _refused(tmp_path: Path, name: str, value: object) -> str:
    s, problems = _load(tmp_path, {name: value})
    assert [p.key for p in problems] == [name], problems
    assert s[name] == st.OPTIONS_BY_NAME[name].default
    text = str(problems[0])
    assert "using the default" in text
    return text


def _accepted(tmp_path: Path, name: str, value: object) -> None:
    s, problems = _load(tmp_path, {name: value})
    assert problems == []
    assert s[name] == value


def test_every_text_setting_is_checked_for_hidden_characters() -> None:
    # The eleven texts of the point, slips and export, and the three voice names.
    assert len(TEXT_OPTIONS) == 14
    assert {"speech.voice_vi", "speech.voice_en", "speech.voice_ar"} <= set(TEXT_OPTIONS)


@pytest.mark.parametrize("value", ["not-a-key", A_KEY[:-4], base64.b64encode(b"x" * 33).decode()])
def test_a_public_key_that_is_not_a_key_is_refused(tmp_path: Path, value: str) -> None:
    text = _refused(tmp_path, "export.coordinator_public_key", value)
    assert "public key" in text


def test_a_real_public_key_is_accepted(tmp_path: Path) -> None:
    from nacl.public import PrivateKey

    key = base64.b64encode(bytes(PrivateKey.generate().public_key)).decode()
    _accepted(tmp_path, "export.coordinator_public_key", key)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("nosuchdb://x", "unknown kind of database 'nosuchdb'"),
        ("postgresql+nosuch://kiosk@db/kiosk", "unknown kind of database 'postgresql+nosuch'"),
        ("kiosk.sqlite3", "must be a database address"),
        ("postgresql+pg8000://kiosk@db/kiosk", "needs the driver pg8000"),
    ],
)
def test_a_database_address_without_a_driver_is_refused(
    tmp_path: Path, value: str, says: str
) -> None:
    assert importlib.util.find_spec("pg8000") is None  # the driver really is absent here
    assert says in _refused(tmp_path, "storage.database_url", value)


@pytest.mark.parametrize(
    "value", ["sqlite:///tmp/k.sqlite3", "postgresql+psycopg://kiosk@dbhost/kiosk", ""]
)
def test_a_database_address_with_its_driver_is_accepted(tmp_path: Path, value: str) -> None:
    _accepted(tmp_path, "storage.database_url", value)


def test_a_bad_database_address_is_reported_at_start_and_the_embedded_file_used(
    tmp_path: Path,
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[storage]\ndatabase_url = "nosuchdb://x"\n', "utf-8")
    ctx = load_context(path)
    assert [p.key for p in ctx.problems] == ["storage.database_url"]
    assert ctx.database_url is None  # the embedded SQLite file
    ctx = load_context(path, database_url="nosuchdb://y")
    assert [p.key for p in ctx.problems] == ["storage.database_url", "--database"]
    assert ctx.database_url is None
    assert ctx.db.engine.url.get_backend_name() == "sqlite"
    ctx.db.dispose()


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("https://", "must name the collector"),
        ("https:///upload", "must name the collector"),
        ("https://host:port", "must name the collector"),
        ("http://collector.example.vn", "https://"),
        ("http://localhost.example.vn", "https://"),
        ("ftp://collector.example.vn", "https://"),
        ("collector.example.vn", "https://"),
    ],
)
def test_a_collector_address_needs_a_host_and_https(tmp_path: Path, value: str, says: str) -> None:
    assert says in _refused(tmp_path, "export.collector_url", value)


@pytest.mark.parametrize(
    "value",
    [
        "https://collector.example.vn",
        "http://127.0.0.1:8080",
        "http://localhost:8080",
        "http://[::1]/",
    ],
)
def test_https_or_loopback_http_is_accepted(tmp_path: Path, value: str) -> None:
    _accepted(tmp_path, "export.collector_url", value)


@pytest.mark.parametrize("name", ["display.languages", "queue.announce_languages"])
def test_languages_must_be_unique(tmp_path: Path, name: str) -> None:
    assert "'vi' twice" in _refused(tmp_path, name, ["vi", "vi", "vi"])
    assert "unknown language 'xx'" in _refused(tmp_path, name, ["vi", "xx"])


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ([], "at least one priority group"),
        (["xx"], "unknown priority group 'xx'"),
        (["elderly", "elderly"], "'elderly' twice"),
        (["elderly", ""], "list of names"),
    ],
)
def test_priority_groups_are_known_and_at_least_one(tmp_path: Path, value: list, says: str) -> None:
    assert says in _refused(tmp_path, "queue.priority_categories", value)


def test_a_few_known_priority_groups_are_accepted(tmp_path: Path) -> None:
    _accepted(tmp_path, "queue.priority_categories", ["disability", "elderly"])


@pytest.mark.parametrize("name", TEXT_OPTIONS)
@pytest.mark.parametrize("ch", ["\x00", "\r", "\x1b", "\x7f", "\u202e", "\u2067"])
def test_no_text_setting_takes_control_or_direction_characters(
    tmp_path: Path, name: str, ch: str
) -> None:
    _refused(tmp_path, name, f"ab{ch}cd")


def test_the_plain_direction_marks_are_allowed_in_text(tmp_path: Path) -> None:
    _accepted(tmp_path, "point.name", "نقطة \u200fLáng\u200e")


@pytest.mark.parametrize("ch", CONTROL_CHARS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_character_round_trips_through_the_writer(ch: str) -> None:
    """The writer itself never makes a file that does not load, whatever the text."""
    s = st.Settings().replace(printer__footer=f"Cảm ơn{ch}\"'\\x", point__name=ch * 3)
    back = tomllib.loads(st.dumps(s))
    assert back["printer"]["footer"] == f"Cảm ơn{ch}\"'\\x"
    assert back["point"]["name"] == ch * 3


@pytest.mark.parametrize("ch", CONTROL_CHARS, ids=lambda c: f"U+{ord(c):04X}")
def test_saving_a_control_character_is_refused_and_the_file_kept(tmp_path: Path, ch: str) -> None:
    path = tmp_path / "settings.toml"
    good = st.Settings().replace(printer__footer="Hẹn gặp lại")
    st.save(good, path)
    before = path.read_bytes()
    with pytest.raises(ValueError, match="printer.footer"):
        st.save(good.replace(printer__footer=f"a{ch}b"), path)
    assert path.read_bytes() == before
    loaded, problems = st.load(path)
    assert problems == [] and loaded["printer.footer"] == "Hẹn gặp lại"


TRICKY = [
    'He said "hi"',
    "back\\slash\\",
    "'''",
    '"""',
    "# not a comment",
    "[not.a.section]",
    "key = value",
    "Phường Láng Thượng — điểm số 3",
    "مركز \u200fLáng",
    "😀 emoji",
    " leading and trailing ",
]


@pytest.mark.parametrize("text", TRICKY)
def test_whatever_is_accepted_is_saved_and_loaded_back_unchanged(tmp_path: Path, text: str) -> None:
    s = st.Settings()
    for name in ("point.name", "point.ward", "printer.footer", "export.collector_token"):
        s = s.replace(**{name.replace(".", "__"): text})
    assert s.validate() == []
    path = st.save(s, tmp_path / "settings.toml")
    loaded, problems = st.load(path)
    assert problems == []
    assert loaded.values == s.values
