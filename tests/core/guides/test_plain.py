"""The plain-language rules: each one catches a step that breaks it, naming the file, the
step and the rule, and lets a plain step pass."""

from __future__ import annotations

from datetime import date

from kiosk.guides.cli import check
from kiosk.guides.model import Issue
from kiosk.guides.plain import actions_in, default_glossary, syllables
from kiosk.guides.validate import check_pack

STEP4_VI = 'text = "Bước 4: chạm vào nút màu xanh."'
STEP4_EN = 'text = "Step 4: touch the blue button."'


def found(pack) -> list[Issue]:  # type: ignore[no-untyped-def]
    return check_pack(pack.folder, today=date(2026, 11, 28))[1]


def plain(pack) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [
        (i.path.name, i.field, i.severity)
        for i in found(pack)
        if "plain language" in i.message or i.field.endswith("names_ui")
    ]


def test_the_example_pack_is_plain(pack) -> None:  # type: ignore[no-untyped-def]
    assert found(pack) == []


def test_syllables_count_the_words_between_spaces() -> None:
    assert syllables("Bấm “Đăng nhập” – rồi chờ.") == 5


def test_a_long_screen_is_a_warning_and_a_very_long_one_an_error(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "' + "Chờ một chút. " * 14 + '"')  # 42 syllables
    assert plain(pack) == [("guide.toml", "steps[4].vi", "warning")]
    assert "42 syllables" in found(pack)[0].message
    pack.replace("Chờ một chút. " * 14, "Ừ. " * 51)  # 51 syllables
    guide, issues = check_pack(pack.folder)
    assert guide is None
    assert [(i.field, i.severity) for i in issues] == [("steps[4].vi", "error")]
    assert "split the step" in issues[0].message


def test_the_tip_counts_towards_the_screen(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('tip = "Nhìn kỹ số màu đỏ."', 'tip = "' + "Nhìn kỹ số màu đỏ. " * 8 + '"')
    assert plain(pack) == [("guide.toml", "steps[2].vi", "warning")]


def test_two_actions_in_one_sentence_are_named(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Mở ứng dụng và chạm vào nút màu xanh."')
    assert plain(pack) == [("guide.toml", "steps[4].vi.text", "warning")]
    message = found(pack)[0].message
    assert "one action per sentence" in message and "“chạm”" in message and "“mở”" in message


def test_one_action_per_sentence_is_fine(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Mở ứng dụng. Chạm vào nút màu xanh."')
    assert plain(pack) == []


def test_words_in_quotes_and_named_things_are_not_actions() -> None:
    g = default_glossary()
    assert actions_in("Bấm “Đặt lịch thực hiện Dịch vụ công”", g) == ["bấm"]
    assert actions_in("Đính kèm ảnh chụp hoặc bản quét giấy tờ", g) == []
    assert actions_in("Đăng nhập bằng số định danh", g) == ["đăng nhập"]


def test_a_button_name_outside_quotes_is_named(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Bấm Đăng nhập."')
    pack.replace(STEP4_EN, 'text = "Tap Đăng nhập (Log in)."')
    issues = [i for i in found(pack) if "in quotes" in i.message]
    assert [(i.field, i.severity) for i in issues] == [
        ("steps[4].vi.text", "warning"),
        ("steps[4].en.text", "warning"),
    ]
    assert "“Đăng”" in issues[0].message and "“Đăng nhập”" in issues[1].message


def test_a_quoted_button_needs_the_names_ui_flag(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Bấm “Đăng nhập”."')
    assert plain(pack) == [("guide.toml", "steps[4].names_ui", "warning")]
    assert "names_ui = true" in found(pack)[0].message
    pack.replace('picture = "step04.svg"', 'picture = "step04.svg"\nnames_ui = true')
    assert plain(pack) == []
    guide = check_pack(pack.folder)[0]
    assert guide is not None
    assert [s.number for s in guide.steps if s.names_ui] == [4]


def test_the_flag_on_a_step_without_a_button_is_named(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('picture = "step05.svg"', 'picture = "step05.svg"\nnames_ui = true')
    assert plain(pack) == [("guide.toml", "steps[5].names_ui", "warning")]


def test_the_flag_must_be_true_or_false(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('picture = "step05.svg"', 'picture = "step05.svg"\nnames_ui = "yes"')
    guide, issues = check_pack(pack.folder)
    assert guide is None
    assert ("steps[5].names_ui", "error") in [(i.field, i.severity) for i in issues]


def test_one_term_per_thing(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Cầm máy lên."')
    assert plain(pack) == [("guide.toml", "steps[4].vi.text", "warning")]
    assert "“điện thoại” hoặc “máy tính”" in found(pack)[0].message


def test_longer_words_holding_the_avoided_word_are_fine(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Nhìn vào máy ảnh của máy tính."')
    assert plain(pack) == []


def test_an_unknown_short_word_must_be_explained(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Bật XYZ lên."')
    assert plain(pack) == [("guide.toml", "steps[4].vi.text", "warning")]
    assert "“XYZ”" in found(pack)[0].message and "glossary" in found(pack)[0].message


def test_jargon_is_explained_on_the_first_step_that_uses_it(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Tự nhập mã OTP."')
    pack.replace(STEP4_EN, 'text = "Type the OTP yourself."')
    guide = check_pack(pack.folder)[0]
    assert guide is not None
    by_step = {s.number: s for s in guide.steps}
    # The example's warning on step 3 already says OTP: the answer comes there, once.
    assert [e.term for e in by_step[3].text("vi").explain] == ["OTP"]
    assert by_step[4].text("vi").explain == ()
    en = by_step[3].text("en")
    assert en.explain[0].question == "What is an OTP?"
    # Reading aloud speaks the answer too.
    assert en.spoken().endswith(en.explain[0].question + " " + en.explain[0].answer)


def test_the_check_command_fails_naming_file_step_and_rule(pack, capsys) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Mở ứng dụng và chạm vào nút màu xanh."')
    assert check(pack.root, date(2026, 11, 28)) == 1
    out = capsys.readouterr().out
    assert f"{pack.toml}: steps[4].vi.text: plain language: one action per sentence" in out


def test_warnings_of_a_refused_guide_do_not_claim_it_is_shown(pack, capsys) -> None:  # type: ignore[no-untyped-def]
    pack.replace(STEP4_VI, 'text = "Cầm máy lên."')
    pack.replace('text = "Bước 5: chạm vào nút màu xanh."', 'text = "' + "Ừ. " * 51 + '"')
    assert check(pack.root, date(2026, 11, 28)) == 1
    out = capsys.readouterr().out
    assert "steps[4].vi.text: plain language: one term per thing" in out
    assert "still shown" not in out and "the kiosk will not show those guides" in out
