"""The totals on the coordinator screen: the headline numbers, a button per grouping,
and a bar chart whose numbers are also written out for screen readers."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.collector.report import label_for
from kiosk.i18n import Translator
from ui.coordinator.chart import BarChart
from ui.qt_events import listen
from ui.widgets.choices import ChoiceGroup
from ui.widgets.common import button, label, retext

GROUPINGS = (
    ("service", "export.by_service"),
    ("priority", "export.by_group"),
    ("age_band", "export.by_age"),
    ("outcome", "export.by_outcome"),
    ("day", "export.by_day"),
    ("point", "export.by_point"),
)


class TotalsView(QWidget):
    def __init__(self, translator: Translator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("totals_view")
        self.t = translator
        self.summary: dict[str, Any] = {}
        self.current = "service"
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = label(role="title")
        self.headline = label()
        self.headline.setObjectName("totals_headline")
        lay.addWidget(self.title)
        lay.addWidget(self.headline)
        self.grid = grid = QGridLayout()
        self._cols = 2
        self.group = ChoiceGroup(self)
        self.group.setExclusive(True)
        self.buttons = {}
        for i, (by, _key) in enumerate(GROUPINGS):
            b = button("", object_name=f"totals_{by}")
            b.setCheckable(True)
            b.setChecked(by == self.current)
            b.clicked.connect(lambda _=False, by=by: self.show_grouping(by))
            self.group.addButton(b)
            self.buttons[by] = b
            grid.addWidget(b, i // 2, i % 2)
        lay.addLayout(grid)
        self.chart = BarChart()
        self.numbers = label()
        self.numbers.setObjectName("totals_numbers")
        lay.addWidget(self.chart)
        lay.addWidget(self.numbers)
        listen(self, translator.changed, lambda _l: self.retranslate())
        self.retranslate()

    def _fit_columns(self) -> None:
        """Two columns of tabs while their words fit, else one (long words at 200%)."""
        width = self.width()
        if width <= 0:
            return
        widest = max(b.sizeHint().width() for b in self.buttons.values())
        cols = 2 if 2 * widest + self.grid.horizontalSpacing() <= width else 1
        if cols == self._cols:
            return
        self._cols = cols
        for i, b in enumerate(self.buttons.values()):
            self.grid.removeWidget(b)
            self.grid.addWidget(b, i // cols, i % cols)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_columns()

    def set_summary(self, summary: dict[str, Any]) -> None:
        self.summary = summary
        self.retranslate()

    def show_grouping(self, by: str) -> None:
        self.current = by
        self.buttons[by].setChecked(True)
        self.retranslate()

    def rows(self) -> list[tuple[str, int]]:
        lang = self.t.lang
        return [
            (label_for(self.current, str(r["key"]), lang), int(r["visits"]))
            for r in self.summary.get("by", {}).get(self.current, [])
        ]

    def retranslate(self) -> None:
        t = self.t.t
        self.title.setText(t("export.totals_title"))
        for by, key in GROUPINGS:
            retext(self.buttons[by], t(key), t("export.show_desc", title=t(key).lower()))
        self._fit_columns()
        s = self.summary
        if s.get("visits"):
            self.headline.setText(
                t(
                    "export.summary_line",
                    visits=s["visits"],
                    kiosks=s.get("kiosks", 0),
                    first=s.get("first_day"),
                    last=s.get("last_day"),
                )
            )
        else:
            self.headline.setText(t("export.no_data"))
        rows = self.rows()
        title = t(dict(GROUPINGS)[self.current])
        items = "; ".join(f"{name}: {n}" for name, n in rows) or t("export.no_data")
        self.chart.set_rows(rows, title, t("export.chart_desc", title=title, items=items))
        self.numbers.setText(items)
