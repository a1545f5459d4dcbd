"""A disabled button is readable (7:1) in both themes and still looks disabled."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QWidget

from kiosk.theme import HIGH_CONTRAST, MIN_CONTRAST, NORMAL, Palette, contrast_ratio
from ui.theme import style_sheet
from ui.widgets.common import WrapButton, button

THEMES = pytest.mark.parametrize("pal", [NORMAL, HIGH_CONTRAST], ids=["normal", "high-contrast"])
ROLES = ("", "accent", "danger")


def _hex(image: QImage, x: int, y: int) -> str:
    return image.pixelColor(x, y).name()


def _colours(image: QImage, area: QRect) -> set[str]:
    return {
        _hex(image, x, y)
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    }


def rendered_colours(b: QAbstractButton) -> tuple[str, str]:
    """The background just inside the border and the text colour furthest from it."""
    image = b.grab().toImage()
    inner = b.rect().adjusted(4, 4, -4, -4)
    background = _hex(image, inner.left(), inner.center().y())
    text = max(_colours(image, inner), key=lambda c: contrast_ratio(c, background))
    return background, text


def enabled_pairs(p: Palette) -> list[tuple[str, str]]:
    return [(p.button, p.button_text), (p.accent, p.accent_text), (p.danger, p.danger_text)]


@THEMES
def test_disabled_colours_have_7_to_1_contrast_and_differ_from_enabled(pal: Palette) -> None:
    assert contrast_ratio(pal.disabled_text, pal.disabled_bg) >= MIN_CONTRAST
    assert (pal.disabled_bg, pal.disabled_text) not in enabled_pairs(pal)
    assert pal.disabled_text not in {text for _, text in enabled_pairs(pal)}


@THEMES
def test_every_disabled_button_role_has_its_own_style(pal: Palette, shell) -> None:  # type: ignore[no-untyped-def]
    sheet = style_sheet(shell.theme.metrics, pal)
    for role in ROLES:
        selector = f'QPushButton[role="{role}"]:disabled' if role else "QPushButton:disabled"
        assert selector in sheet, selector
    assert f"border: 2px dashed {pal.disabled_text}" in sheet


@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_disabled_buttons_render_readable_and_dashed(
    shell,
    qtbot,  # type: ignore[no-untyped-def]
    contrast: bool,
) -> None:
    shell.session.set_high_contrast(contrast)
    shell.session.set_text_scale(200)
    pal = shell.theme.palette
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QHBoxLayout(holder)
    made: list[QAbstractButton] = [button(f"Role {r or 'plain'}", role=r) for r in ROLES]
    made.append(WrapButton("Wrapped accent", role="accent"))
    for b in made:
        row.addWidget(b)
        b.setEnabled(False)
    holder.show()
    qtbot.waitExposed(holder)
    # The top bar's "bigger" button is disabled for real at 200%.
    assert not shell.top_bar.bigger.isEnabled()
    for b in [*made, shell.top_bar.bigger]:
        name = b.property("role") or b.objectName() or "plain"
        background, text = rendered_colours(b)
        assert background == pal.disabled_bg, name
        assert text == pal.disabled_text, name
        assert contrast_ratio(text, background) >= MIN_CONTRAST, name
        # A dashed border: along the top edge, border colour alternates with gaps.
        image = b.grab().toImage()
        edge = [_hex(image, x, 0) for x in range(b.width() // 4, 3 * b.width() // 4)]
        changes = sum(1 for a, c in zip(edge, edge[1:], strict=False) if a != c)
        assert pal.disabled_text in edge and changes >= 4, name
