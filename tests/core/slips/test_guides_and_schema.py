"""Guide facts from packs on disk (tolerant of how a pack spells translations), and the
slip_print table's migration both ways."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from kiosk.slips.content import qr_target
from kiosk.slips.guides import guide_from_pack, pack_service_urls, pack_source
from kiosk.storage.database import make_engine, upgrade


def write_pack(root: Path, gid: str, text: str) -> None:
    (root / gid).mkdir(parents=True)
    (root / gid / "guide.toml").write_text(text, encoding="utf-8")


def test_pack_with_per_language_tables(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "etax",
        """
official_url = "https://thuedientu.gdt.gov.vn"
[title]
vi = "Tra cứu và nộp thuế"
en = "Look up and pay tax"
[next_at_home]
vi = "Mở eTax Mobile và xem nghĩa vụ thuế của bạn."
""",
    )
    vi = guide_from_pack("etax", "vi", tmp_path)
    assert vi is not None
    assert (vi.title, vi.next_at_home, vi.official_url) == (
        "Tra cứu và nộp thuế",
        "Mở eTax Mobile và xem nghĩa vụ thuế của bạn.",
        "https://thuedientu.gdt.gov.vn",
    )
    ar = guide_from_pack("etax", "ar", tmp_path)
    assert ar is not None and ar.title == "Look up and pay tax"  # falls back to English
    assert ar.next_at_home == "Mở eTax Mobile và xem nghĩa vụ thuế của bạn."


def test_pack_with_language_sections_under_guide(tmp_path: Path) -> None:
    write_pack(
        tmp_path,
        "ihanoi",
        """
[guide]
id = "ihanoi"
official_url = "https://ihanoi.hanoi.gov.vn"
[guide.vi]
title = "Ứng dụng iHanoi"
next_at_home = "Thử gửi một phản ánh."
[guide.en]
title = "The iHanoi app"
next_at_home = "Try sending a feedback report."
""",
    )
    g = pack_source(tmp_path)("ihanoi", "en")
    assert g is not None
    assert (g.title, g.next_at_home, g.official_url) == (
        "The iHanoi app",
        "Try sending a feedback report.",
        "https://ihanoi.hanoi.gov.vn",
    )


def test_missing_broken_or_unsafe_packs_give_nothing(tmp_path: Path) -> None:
    write_pack(tmp_path, "broken", "title = [unclosed")
    assert guide_from_pack("broken", "vi", tmp_path) is None
    assert guide_from_pack("absent", "vi", tmp_path) is None
    assert guide_from_pack("../etc", "vi", tmp_path) is None


def test_qr_target_prefers_the_guide_then_the_service() -> None:
    from kiosk.slips import SlipGuide

    no_url = SlipGuide("a", "A")
    with_url = SlipGuide("b", "B", "", "https://example.gov.vn/b")
    packs = {"etax": "https://etax.example.gov.vn/"}.get
    assert qr_target((no_url, with_url), ("etax",), lambda s: packs(s, "")) == (
        "https://example.gov.vn/b"
    )
    assert qr_target((no_url,), ("vneid", "etax"), lambda s: packs(s, "")) == (
        "https://etax.example.gov.vn/"
    )
    assert qr_target((), ()) == "https://dichvucong.gov.vn"


def test_a_service_address_comes_from_the_first_pack_teaching_it(tmp_path: Path) -> None:
    write_pack(tmp_path, "b-later", 'service = "vneid"\norder = 20\nofficial_url = "https://b/"')
    write_pack(tmp_path, "a-first", 'service = "vneid"\norder = 10\nofficial_url = "https://a/"')
    write_pack(tmp_path, "tax", '[guide]\nservice = "etax"\nofficial_url = "https://tax/"')
    write_pack(tmp_path, "broken", "service = [")
    urls = pack_service_urls(tmp_path)
    assert (urls("vneid"), urls("etax"), urls("mps")) == ("https://a/", "https://tax/", "")


def test_migration_adds_and_removes_slip_print(tmp_path: Path) -> None:
    from alembic import command

    from kiosk.storage.database import alembic_config

    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    upgrade(engine, "0001")
    assert "slip_print" not in inspect(engine).get_table_names()
    upgrade(engine)
    cols = {c["name"] for c in inspect(engine).get_columns("slip_print")}
    assert cols == {"id", "visit_id", "at", "printer", "ok", "error"}
    cfg = alembic_config(str(engine.url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn  # type: ignore[attr-defined]
        command.downgrade(cfg, "0001")  # type: ignore[arg-type]
    assert "slip_print" not in inspect(engine).get_table_names()
    engine.dispose()


def test_every_shipped_guide_gives_the_slip_its_own_title_and_next_step() -> None:
    """The slip reads the packs as they are written ([text.<lang>] tables): the guide's
    title and "next step at home" in the citizen's language, never the bare id."""
    from kiosk.guides import load_all

    library = load_all()
    assert library.guides
    for g in library.guides:
        for lang in g.languages:
            slip = guide_from_pack(g.id, lang)
            assert slip is not None, g.id
            assert slip.title == g.text(lang).title != g.id
            assert slip.next_at_home == g.text(lang).next_at_home.strip() != ""
            assert slip.official_url == g.official_url


def test_the_guides_folder_setting_is_followed(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kiosk.guides.example import write_example

    write_example(tmp_path / "g" / "local-guide", steps=4)
    monkeypatch.setenv("KIOSK_GUIDES_DIR", str(tmp_path / "g"))
    slip = guide_from_pack("local-guide", "en")
    assert slip is not None and slip.title != "local-guide"
