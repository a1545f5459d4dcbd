"""Sources and field checks are separate promises, and old or unchecked guides are listed."""

from __future__ import annotations

from datetime import date

from kiosk.guides.provenance import needs_check
from kiosk.guides.validate import check_pack

SOURCE = """[[sources]]
title = "Name the public page the steps rely on"
url = "https://vneid.gov.vn/"
date = 2026-11-20
"""


def test_a_pack_names_its_dated_sources(pack) -> None:  # type: ignore[no-untyped-def]
    guide = check_pack(pack.folder)[0]
    assert guide is not None
    assert [(s.url, s.date) for s in guide.sources] == [
        ("https://vneid.gov.vn/", date(2026, 11, 20))
    ]
    assert guide.field_checked is None  # nobody has walked it through on a phone


def test_a_pack_without_sources_is_refused(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(SOURCE, "")
    guide, issues = check_pack(pack.folder)
    assert guide is None
    assert [i.field for i in issues] == ["sources"]


def test_at_least_one_source_has_its_own_date(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace("date = 2026-11-20\n", "")
    guide, issues = check_pack(pack.folder)
    assert guide is None
    assert [i.field for i in issues] == ["sources"]
    assert "no source has a date" in issues[0].message


def test_an_undated_page_may_be_named_beside_a_dated_one(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace(SOURCE, SOURCE + '\n[[sources]]\ntitle = "A page"\nurl = "https://a.vn/"\n')
    guide = check_pack(pack.folder)[0]
    assert guide is not None
    assert guide.sources_date == date(2026, 11, 20)


def test_the_old_single_date_is_refused_with_a_way_forward(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('field_checked = ""', "last_checked = 2026-11-28")
    guide, issues = check_pack(pack.folder)
    assert guide is None
    assert [i.field for i in issues] == ["last_checked"]
    assert "sources, field_checked" in issues[0].message


def test_a_field_check_is_a_date(pack) -> None:  # type: ignore[no-untyped-def]
    pack.replace('field_checked = ""', "field_checked = 2026-11-25")
    guide = check_pack(pack.folder, today=date(2026, 11, 28))[0]
    assert guide is not None and guide.field_checked == date(2026, 11, 25)


def test_guides_needing_a_walk_through_are_listed(pack) -> None:  # type: ignore[no-untyped-def]
    never = check_pack(pack.folder)[0]
    pack.replace('field_checked = ""', "field_checked = 2026-11-25")
    checked = check_pack(pack.folder)[0]
    assert never is not None and checked is not None

    today = date(2026, 12, 1)
    assert [(a.guide_id, a.reasons) for a in needs_check([never, checked], today)] == [
        ("demo-guide", ("never_field_checked",))
    ]
    later = date(2028, 1, 1)  # sources from 2026 are old by then, and so is the walk-through
    assert [a.reasons for a in needs_check([checked], later)] == [
        ("field_check_old", "sources_old")
    ]
