from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import settings as st


def test_no_file_means_working_defaults(tmp_path: Path) -> None:
    s, problems = st.load(tmp_path / "missing.toml")
    assert problems == []
    assert s["display.default_language"] == "vi"
    assert s["session.idle_timeout_seconds"] == 180
    assert s.validate() == []


def test_good_values_are_used(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[point]\nname = "Điểm Phường Láng"\n[session]\nidle_timeout_seconds = 300\n'
        '[speech]\nvolume = 1\n[display]\nlanguages = ["vi", "en"]\n',
        encoding="utf-8",
    )
    s, problems = st.load(path)
    assert problems == []
    assert s["point.name"] == "Điểm Phường Láng"
    assert s["session.idle_timeout_seconds"] == 300
    assert s["speech.volume"] == 1.0
    assert s["display.languages"] == ["vi", "en"]


def test_bad_values_are_named_and_replaced_by_defaults(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(
        '[session]\nidle_timeout_seconds = "soon"\nidle_countdown_seconds = 5\n'
        '[display]\nlanguages = ["vi", "fr"]\ntext_scale = 120\n'
        '[printer]\nformat = "A4"\ncolour = "red"\n[mystery]\nx = 1\n',
        encoding="utf-8",
    )
    s, problems = st.load(path)
    keys = {p.key for p in problems}
    assert keys == {
        "session.idle_timeout_seconds",
        "session.idle_countdown_seconds",
        "display.languages",
        "printer.format",
        "printer.colour",
        "mystery",
    }
    assert s["session.idle_timeout_seconds"] == 180
    assert s["session.idle_countdown_seconds"] == 30
    assert s["display.languages"] == ["vi", "en", "ar"]
    assert s["printer.format"] == "80mm"
    assert s["display.text_scale"] == 120  # the good key in the same file is kept
    text = " ".join(str(p) for p in problems)
    assert "session.idle_countdown_seconds: must be from 20 to 300, not 5" in text
    assert "unknown language 'fr'" in text


def test_broken_toml_gives_one_clear_problem_and_defaults(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[point\nname = ", encoding="utf-8")
    s, problems = st.load(path)
    assert len(problems) == 1
    assert "not valid TOML" in problems[0].message
    assert s.values == st.defaults().values


def test_unreadable_file_gives_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(b"\xff\xfe\x00bad")
    _s, problems = st.load(path)
    assert problems and "cannot read" in problems[0].message


def test_save_round_trips_and_documents_every_key(tmp_path: Path) -> None:
    s = st.defaults().replace(point__name='Điểm "A" \\ Ba Đình', queue__desks=4)
    path = st.save(s, tmp_path / "deep" / "settings.toml")
    text = path.read_text(encoding="utf-8")
    for o in st.OPTIONS:
        assert f"# {o.doc}" in text
    again, problems = st.load(path)
    assert problems == []
    assert again.values == s.values


def test_save_refuses_bad_values_and_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    st.save(st.defaults(), path)
    before = path.read_text(encoding="utf-8")
    with pytest.raises(ValueError, match="privacy.retention_days"):
        st.save(st.defaults().replace(privacy__retention_days=0), path)
    assert path.read_text(encoding="utf-8") == before


def test_example_lists_every_option() -> None:
    text = st.dumps(st.defaults())
    for o in st.OPTIONS:
        assert f"\n{o.key} = " in text


def test_problems_read_in_the_volunteers_language(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[queue]\ndesks = 0\n", encoding="utf-8")
    _s, problems = st.load(path)
    assert problems[0].text("vi") == (
        "queue.desks: phải từ 1 đến 20, không phải 0; dùng giá trị mặc định 2"
    )
    assert problems[0].text("ar").startswith("queue.desks: يجب أن يكون من 1 إلى 20")
    assert str(problems[0]) == "queue.desks: must be from 1 to 20, not 0; using the default 2"


def test_every_option_has_a_label_in_every_language() -> None:
    from kiosk.i18n import load_catalog

    for lang in ("vi", "en", "ar"):
        cat = load_catalog(lang)
        assert [o.name for o in st.OPTIONS if f"settings.label.{o.name}" not in cat] == []
        assert [c for c in st.MESSAGES if f"settings.err.{c}" not in cat] == []


@pytest.mark.parametrize("lang", ["vi", "en", "ar"])
def test_a_yes_no_setting_in_quotes_is_named_in_the_readers_language(
    tmp_path: Path, lang: str
) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[display]\nfullscreen = "yes"\n', encoding="utf-8")
    s, problems = st.load(path)
    assert [p.key for p in problems] == ["display.fullscreen"]
    assert s["display.fullscreen"] is True  # the default is used
    text = problems[0].text(lang)
    assert text.startswith("display.fullscreen: ") and "true" in text and "false" in text
    assert "settings.err" not in text


def test_saving_a_yes_no_setting_that_is_not_true_or_false_is_refused_by_name() -> None:
    s = st.defaults()
    s.values["speech.always_read_aloud"] = "no"
    with pytest.raises(ValueError, match="speech.always_read_aloud: must be true or false"):
        st.save(s)
