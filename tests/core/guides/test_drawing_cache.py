"""Drawings already found safe are not checked again at every start, but a drawing whose
bytes changed is, so a broken or unsafe edit is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.guides import load_all, svg
from kiosk.guides.example import write_example


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the real drawing checks (the cache starts empty for each test)."""
    svg.CHECKED.forget()
    calls: list[str] = []
    real = svg.check_svg_bytes

    def counting(data: bytes, kind: str = "step") -> list[tuple[str, str]]:
        calls.append(kind)
        return real(data, kind)

    monkeypatch.setattr(svg, "check_svg_bytes", counting)
    yield calls
    svg.CHECKED.forget()


def test_a_second_start_does_not_check_unchanged_drawings(
    tmp_path: Path, counted: list[str]
) -> None:
    write_example(tmp_path / "g" / "demo-guide", steps=4)
    first = load_all(tmp_path / "g")
    assert first.guides and counted, "the first start checks every drawing"
    assert svg.CheckCache.path().is_file()
    counted.clear()
    svg.CHECKED.forget()  # a new start: only the file remains
    again = load_all(tmp_path / "g")
    assert counted == []
    assert [g.id for g in again.guides] == ["demo-guide"]


def test_an_edited_drawing_is_checked_again_and_refused_when_unsafe(
    tmp_path: Path, counted: list[str]
) -> None:
    pack = write_example(tmp_path / "g" / "demo-guide", steps=4)
    assert load_all(tmp_path / "g").guides
    drawing = sorted(pack.glob("step*.svg"))[0]
    text = drawing.read_text("utf-8")
    drawing.write_text(text.replace("</svg>", "<script>alert(1)</script></svg>"), "utf-8")
    svg.CHECKED.forget()
    counted.clear()
    library = load_all(tmp_path / "g")
    assert counted == ["step"]  # only the changed drawing
    assert not library.guides
    assert any("scripts" in i.message for r in library.refused for i in r.issues)


def test_a_damaged_cache_file_is_ignored(tmp_path: Path, counted: list[str]) -> None:
    write_example(tmp_path / "g" / "demo-guide", steps=4)
    path = svg.CheckCache.path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", "utf-8")
    assert [g.id for g in load_all(tmp_path / "g").guides] == ["demo-guide"]
    assert counted, "everything was checked afresh"
