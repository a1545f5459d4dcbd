"""The coordinator's desk in the kiosk app: the local collector, what it totals, and the
PDF report. Qt-free; the coordinator screen calls these on the background worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.collector.local import (
    FolderImport,
    Unknown,
    import_folder,
    open_local,
    take_in_own,
    trust_kiosk,
)
from kiosk.collector.store import Collector
from kiosk.queue.model import HANOI
from kiosk.storage import Database


class CoordinatorDesk:
    def __init__(
        self,
        db: Database | Callable[[], Database],
        *,
        public_key: str,
        data_folder: Path | None = None,
    ) -> None:
        self._db = db  # or a function giving it, used only when first needed
        self.public_key = public_key
        self.data_folder = data_folder
        self._collector: Collector | None = None

    @property
    def db(self) -> Database:
        return self._db() if callable(self._db) else self._db

    @property
    def collector(self) -> Collector:
        if self._collector is None:
            self._collector = open_local(
                self.data_folder, clock=self.db.clock, own_kiosk=(self.db.kiosk_id, self.public_key)
            )
        return self._collector

    def summary(self) -> dict[str, Any]:
        """The totals of every visit known here: those brought in from sticks and this
        kiosk's own (taken in first, each once)."""
        take_in_own(self.collector, self.db)
        return self.collector.summary()

    def import_folder(self, folder: Path) -> FolderImport:
        return import_folder(self.collector, folder)

    def trust_and_import(self, unknown: Unknown, folder: Path) -> FolderImport:
        trust_kiosk(self.collector, unknown)
        return import_folder(self.collector, folder)

    def save_report(self, folder: Path, lang: str) -> Path | None:
        """Write the one-page PDF report into ``folder``; ``None`` (and no file) when there
        is no visit to report, rather than a page of zeros."""
        from kiosk.collector.report import write_report

        summary = self.summary()
        if not summary.get("visits"):
            return None
        now = self.db.clock.now().astimezone(HANOI)
        path = Path(folder) / f"REPORT_{now:%Y%m%d-%H%M%S}.pdf"
        return write_report(summary, path, lang=lang, generated=now.strftime("%Y-%m-%d %H:%M"))

    def close(self) -> None:
        if self._collector is not None:
            self._collector.dispose()
            self._collector = None
