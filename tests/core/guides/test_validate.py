"""The validator finds each kind of mistake an author can make, naming file and field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kiosk.guides import load_all
from kiosk.guides.model import Issue
from kiosk.guides.validate import check_pack

SVG_HEAD = '<?xml version="1.0"?>\n'
GOOD_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
    '<rect x="1" y="1" width="10" height="10"/></svg>'
)


def issues(pack) -> list[Issue]:  # type: ignore[no-untyped-def]
    guide, found = check_pack(pack.folder, today=date(2026, 11, 28))
    assert (guide is None) == bool(found)
    return found


def fields(pack) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(i.path.name, i.field) for i in issues(pack)]


def test_the_example_pack_is_valid(pack) -> None:  # type: ignore[no-untyped-def]
    guide, found = check_pack(pack.folder)
    assert found == []
    assert guide is not None
    assert guide.id == "demo-guide" and len(guide.steps) == 5 and len(guide.problems) == 2
    assert guide.languages == ("vi", "en", "ar")
    assert guide.steps[1].text("en").tip == "Look for the red number."
    assert guide.steps[2].text("vi").warning.startswith("Đừng")


def test_missing_picture_is_named(pack) -> None:  # type: ignore[no-untyped-def]
    (pack.folder / "step03.svg").unlink()
    found = issues(pack)
    assert [(i.path.name, i.field) for i in found] == [("guide.toml", "steps[3].picture")]
    assert "step03.svg is missing" in found[0].message


def test_missing_icon_is_named(pack) -> None:  # type: ignore[no-untyped-def]
    (pack.folder / "icon.svg").unlink()
    assert fields(pack) == [("guide.toml", "icon")]


def test_the_icon_is_square(pack) -> None:  # type: ignore[no-untyped-def]
    pack.svg("icon.svg", SVG_HEAD + GOOD_SVG)
    found = issues(pack)
    assert [(i.path.name, i.message) for i in found] == [
        ("icon.svg", "viewBox '0 0 400 300' must be \"0 0 100 100\" for an icon")
    ]


def test_picture_outside_the_folder_is_refused(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('picture = "step02.svg"', 'picture = "../other/step02.svg"')
    found = issues(pack)
    assert [i.field for i in found] == ["steps[2].picture"]
    assert "plain file name" in found[0].message


def test_missing_translation_of_a_step(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('[steps.ar]\ntext = "الخطوة 4: المس الزر الأزرق."\n', "")
    found = issues(pack)
    assert [(i.field, i.message) for i in found] == [("steps[4].ar", "missing translation (ar)")]


def test_english_is_required_even_when_no_entry_has_it(tmp_path: Path) -> None:
    from kiosk.guides.example import write_example

    folder = write_example(tmp_path / "vi-only", langs=("vi",))
    _guide, found = check_pack(folder)
    assert {i.field for i in found} == {
        "text.en",
        *(f"steps[{n}].en" for n in range(1, 6)),
        "problems[1].en",
        "problems[2].en",
    }
    assert all(i.message == "missing translation (en)" for i in found)


def test_a_tip_in_one_language_only_is_a_missing_translation(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('tip = "Nhìn kỹ số màu đỏ."\n', "")
    found = issues(pack)
    assert [i.field for i in found] == ["steps[2].vi.tip"]
    assert "missing translation (vi)" in found[0].message


def test_unknown_fields_everywhere(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace("minutes = 10", 'minutes = 10\nauthor = "someone"')
    pack.replace('[steps.en]\ntext = "Step 1:', '[steps.en]\ncaption = "x"\ntext = "Step 1:')
    pack.replace('picture = "step05.svg"', 'picture = "step05.svg"\nvideo = "x.mp4"')
    found = issues(pack)
    assert [i.field for i in found] == ["author", "steps[1].en.caption", "steps[5].video"]
    assert all(i.message.startswith("unknown field") for i in found)


def test_a_key_that_is_no_language_is_named(pack) -> None:  # type: ignore[no-untyped-def]
    pack.append('[text.French]\ntitle = "Guide"')
    found = issues(pack)
    assert [i.field for i in found] == ["text.French"]
    assert found[0].message.startswith("unknown field; a language is a 2 or 3 letter code")


def test_a_new_language_must_be_complete(pack) -> None:  # type: ignore[no-untyped-def]
    pack.append(
        '[text.ko]\ntitle = "가이드"\ncan_do = "할 수 있어요"\nbring = ["휴대폰"]\n'
        'next_at_home = "다시 해 보세요"'
    )
    found = issues(pack)
    assert {i.field for i in found} == {
        *(f"steps[{n}].ko" for n in range(1, 6)),
        "problems[1].ko",
        "problems[2].ko",
    }
    assert all(i.message == "missing translation (ko)" for i in found)


def test_empty_step_text(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('text = "Step 2: touch the blue button."', 'text = "   "')
    found = issues(pack)
    assert [(i.field, i.message) for i in found] == [("steps[2].en.text", "is empty")]


def test_step_with_no_words_at_all(pack) -> None:  # type: ignore[no-untyped-def]
    pack.append('[[steps]]\npicture = "step01.svg"')
    found = issues(pack)
    assert ("steps[6]", "empty step: it has no text in any language") in [
        (i.field, i.message) for i in found
    ]
    assert {"steps[6].vi", "steps[6].en", "steps[6].ar"} <= {i.field for i in found}


def test_too_long_step_text(pack) -> None:  # type: ignore[no-untyped-def]
    long = "Chạm vào nút. " * 20  # 280 characters
    pack.replace('text = "Bước 4: chạm vào nút màu xanh."', f'text = "{long}"')
    found = [i for i in issues(pack) if "plain language" not in i.message]
    assert [i.field for i in found] == ["steps[4].vi.text"]
    assert "at most 200" in found[0].message


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('title = "Example guide"', 'title = "' + "x" * 61 + '"', "text.en.title"),
        ('can_do = "You will', 'can_do = "' + "x" * 160 + " You will", "text.en.can_do"),
        ('tip = "Look for the red number."', 'tip = "' + "x" * 161 + '"', "steps[2].en.tip"),
        ('warning = "Never give', 'warning = "' + "x" * 160 + "Never give", "steps[3].en.warning"),
        ('problem = "I cannot', 'problem = "' + "x" * 120 + "I cannot", "problems[1].en.problem"),
    ],
)
def test_too_long_texts_elsewhere(pack, old: str, new: str, field: str) -> None:  # type: ignore[no-untyped-def]
    pack.replace(old, new)
    assert [i.field for i in issues(pack)] == [field]


def test_what_to_bring_is_one_to_five_short_items(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(
        'bring = ["Your own phone", "Your chip ID card"]', 'bring = ["a", "b", "c", "d", "e", "f"]'
    )
    pack.replace('bring = ["Điện thoại của bạn", "Thẻ căn cước gắn chip"]', 'bring = "phone"')
    found = {i.field: i.message for i in issues(pack)}
    assert found == {
        "text.en.bring": "has 6 items; give 1 to 5",
        "text.vi.bring": "must be a list in square brackets",
    }


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('id = "demo-guide"', 'id = "Demo Guide"', "id"),
        ('id = "demo-guide"', 'id = "other-guide"', "id"),
        (
            'official_url = "https://vneid.gov.vn/"',
            'official_url = "http://vneid.gov.vn/"',
            "official_url",
        ),
        ('official_url = "https://vneid.gov.vn/"', 'official_url = "vneid.gov.vn"', "official_url"),
        ('field_checked = ""', 'field_checked = "20/11/2026"', "field_checked"),
        ("date = 2026-11-20", 'date = "20/11/2026"', "sources[1].date"),
        ('url = "https://vneid.gov.vn/"\ndate', 'url = "vneid.gov.vn"\ndate', "sources[1].url"),
        ("minutes = 10", 'minutes = "ten"', "minutes"),
        ("minutes = 10", "minutes = 0", "minutes"),
        ("minutes = 10", "minutes = 121", "minutes"),
        ('service = "vneid"', 'service = "facebook"', "service"),
        ("order = 10", "order = -1", "order"),
    ],
)
def test_bad_header_values(pack, old: str, new: str, field: str) -> None:  # type: ignore[no-untyped-def]
    pack.replace(old, new)
    assert fields(pack) == [("guide.toml", field)]


def test_a_field_check_in_the_future_is_a_warning(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('field_checked = ""', "field_checked = 2027-01-05")
    guide, found = check_pack(pack.folder, today=date(2026, 11, 28))
    assert guide is not None  # still shown: a typo in a date must not hide a guide
    assert [(i.field, i.severity) for i in found] == [("field_checked", "warning")]
    assert "in the future" in found[0].message


def test_id_must_equal_the_folder(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('id = "demo-guide"', 'id = "other-guide"')
    assert "must equal the folder name 'demo-guide'" in issues(pack)[0].message


@pytest.mark.parametrize(("steps", "ok"), [(3, False), (4, True), (12, True), (13, False)])
def test_step_count(tmp_path: Path, steps: int, ok: bool) -> None:
    from kiosk.guides.example import write_example

    _g, found = check_pack(write_example(tmp_path / "g", steps=steps))
    assert [(i.field, i.message) for i in found] == (
        [] if ok else [("steps", f"has {steps} steps; a guide has 4 to 12")]
    )


def test_problem_count(pack) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        pack.append(
            '[[problems]]\n[problems.vi]\nproblem = "a"\nfix = "b"\n'
            '[problems.en]\nproblem = "a"\nfix = "b"\n'
            '[problems.ar]\nproblem = "a"\nfix = "b"'
        )
    assert [i.field for i in issues(pack)] == ["problems"]


def test_not_toml_at_all(pack) -> None:  # type: ignore[no-untyped-def]
    pack.append("title = = broken")
    found = issues(pack)
    assert [i.field for i in found] == ["file"]
    assert "not valid TOML" in found[0].message


def test_missing_guide_file(pack) -> None:  # type: ignore[no-untyped-def]
    pack.toml.unlink()
    assert [i.field for i in issues(pack)] == ["file"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><rect></svg>',
            "not well-formed XML",
        ),
        ('<html xmlns="http://www.w3.org/1999/xhtml"/>', "must start with <svg>"),
        ('<svg viewBox="0 0 400 300"/>', 'needs xmlns="http://www.w3.org/2000/svg"'),
        ('<svg xmlns="http://www.w3.org/2000/svg"/>', 'needs viewBox="0 0 400 300"'),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400"/>',
            'must be "0 0 400 300" for a step drawing',
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="800"/>',
            "no width on <svg>",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
            '<rect width="1" height="1" style="fill:red"/></svg>',
            "style attribute is not allowed",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
            '<text font-family="Noto Sans, sans-serif" font-size="9">Tiny</text></svg>',
            "font-size of at least 14",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
            '<text font-family="Comic Sans MS" font-size="20">Odd</text></svg>',
            'font-family="Noto Sans, sans-serif"',
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><filter id="f"/></svg>',
            "may not use filters",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
            '<image href="photo.png" width="4" height="3"/></svg>',
            "may not contain photos",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
            "<script>alert(1)</script></svg>",
            "may not contain scripts",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
            '<foreignObject width="4" height="3"/></svg>',
            "web content",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            'viewBox="0 0 400 300"><g xlink:href="https://example.com/x.svg"/></svg>',
            "may not refer to other files",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">'
            '<rect fill="url(https://example.com/p)" width="1" height="1"/></svg>',
            "refers outside the drawing",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" onload="go()"/>',
            "(a script) is not allowed",
        ),
        (
            '<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg" '
            'viewBox="0 0 400 300"/>',
            "document type declaration",
        ),
        (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><marquee/></svg>',
            "not an allowed element",
        ),
        ("", "not well-formed XML"),
    ],
)
def test_broken_svg_is_named_with_file_and_line(pack, body: str, message: str) -> None:  # type: ignore[no-untyped-def]
    pack.svg("step02.svg", SVG_HEAD + body)
    found = issues(pack)
    assert found, "the broken drawing was accepted"
    assert {i.path.name for i in found} == {"step02.svg"}
    assert any(message in i.message for i in found), [str(i) for i in found]
    assert all(i.field.startswith(("<", "line")) for i in found)


def test_every_problem_is_reported_at_once(pack) -> None:  # type: ignore[no-untyped-def]
    (pack.folder / "step01.svg").unlink()
    pack.svg(
        "step04.svg",
        SVG_HEAD + '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300"><script/></svg>',
    )
    pack.replace("minutes = 10", "minutes = 10\ncolour = 3")
    pack.replace('text = "Step 5: touch the blue button."', 'text = ""')
    assert fields(pack) == [
        ("guide.toml", "colour"),
        ("guide.toml", "steps[1].picture"),
        ("step04.svg", "<script> (line 2)"),
        ("guide.toml", "steps[5].en.text"),
    ]


def test_text_is_normalised_to_nfc_and_the_author_is_told(pack) -> None:  # type: ignore[no-untyped-def]
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Hướng dẫn mẫu")
    assert decomposed != "Hướng dẫn mẫu"
    pack.replace('title = "Hướng dẫn mẫu"', f'title = "{decomposed}"')
    guide, found = check_pack(pack.folder)
    assert guide is not None and guide.text("vi").title == "Hướng dẫn mẫu"
    assert [(i.field, i.severity) for i in found] == [("text.vi.title", "warning")]
    assert "NFC" in found[0].message


def test_two_guides_with_the_same_order_are_both_shown_with_a_warning(pack) -> None:  # type: ignore[no-untyped-def]
    from kiosk.guides.example import write_example

    write_example(pack.root / "other-guide", order=10)
    library = load_all(pack.root)
    assert [g.id for g in library.guides] == ["demo-guide", "other-guide"]
    assert [(i.path.parent.name, i.field, i.severity) for i in library.warnings] == [
        ("other-guide", "order", "warning")
    ]
    assert "also the order of demo-guide" in library.warnings[0].message


def test_load_all_keeps_good_guides_and_refuses_broken_ones(pack) -> None:  # type: ignore[no-untyped-def]
    from kiosk.guides.example import write_example

    write_example(pack.root / "second-guide", order=5)
    (pack.root / "_tools").mkdir()
    (pack.root / "_tools" / "draw.py").write_text("print()")
    pack.replace('text = "Step 2: touch the blue button."', 'text = ""')
    library = load_all(pack.root)
    assert [g.id for g in library.guides] == ["second-guide"]
    assert [r.folder.name for r in library.refused] == ["demo-guide"]
    message = library.refused[0].message
    assert "demo-guide" in message and "steps[2].en.text" in message and "is empty" in message
    assert library.get("second-guide") is library.guides[0]
    assert library.get("demo-guide") is None


def test_home_order_follows_order_then_id(tmp_path: Path) -> None:
    from kiosk.guides.example import write_example

    for gid, order in (("c-guide", 20), ("a-guide", 30), ("b-guide", 20)):
        write_example(tmp_path / gid, order=order)
    assert [g.id for g in load_all(tmp_path).guides] == ["b-guide", "c-guide", "a-guide"]


def test_language_fallback(tmp_path: Path) -> None:
    from kiosk.guides.example import write_example

    guide, found = check_pack(write_example(tmp_path / "no-arabic", langs=("vi", "en")))
    assert found == [] and guide is not None
    assert guide.lang_for("ar") == "en" and guide.text("ar").title == "Example guide"
    assert guide.steps[0].lang_for("ar") == "en"
    assert guide.problems[0].text("ar").fix == "Slide the screen up."
    assert guide.text("vi").title == "Hướng dẫn mẫu"
