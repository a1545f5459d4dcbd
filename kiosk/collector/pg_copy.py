"""PostgreSQL: a bundle's visits copied straight into the tables with COPY, each record
checked just before it is written (see :func:`copy_visits`)."""

from __future__ import annotations

import itertools
import operator
from typing import Any

import orjson

from kiosk.collector.models import ITEM_COLUMNS, VISIT_COLUMNS
from kiosk.export import schema
from kiosk.export.bundle_read import VerifiedBundle
from kiosk.export.schema import INDEX, plain_items, plain_steps


def copy_visits(conn: Any, bundle: VerifiedBundle, point_name: str, ward: str) -> int:
    """PostgreSQL: COPY the visits not known yet, and their items, straight into the
    tables, each record checked just before it is written. The visits stream to the
    server from a thread of its own while the next records are checked, up to
    :data:`_CHUNK` records at a time; their items follow in one COPY per chunk, while
    the next records are checked. A record at fault raises and the caller's
    transaction is rolled back. A visit stored by another collector in between makes
    the COPY fail on the unique key; the import is then rolled back and tried again."""
    from psycopg.copy import QueuedLibpqWriter

    raw = conn.connection.driver_connection
    with raw.cursor() as cur:
        cur.execute("SELECT visit_id FROM collector_visit WHERE kiosk_id = %s", (bundle.kiosk_id,))
        text = _CopyText(bundle, {vid for (vid,) in cur.fetchall()}, point_name, ward)
        visits_sql = f"COPY collector_visit ({', '.join(COPY_COLUMNS)}) FROM STDIN"
        items_sql = f"COPY collector_visit_item ({', '.join(ITEM_COLUMNS)}) FROM STDIN"
        while True:
            with cur.copy(visits_sql, writer=QueuedLibpqWriter(cur)) as cp:
                for _ in range(_CHUNK // _BATCH):
                    if lines := text.take_visits():
                        cp.write(lines)
                    if text.done:
                        break
                    text.make(_BATCH)
                if lines := text.take_visits():
                    cp.write(lines)
            if items := text.take_items():
                with cur.copy(items_sql, writer=QueuedLibpqWriter(cur)) as cp:
                    cp.write(items)
                    text.make(_BATCH)  # the next chunk's first records, meanwhile
            if text.done and not text.visits:
                return text.new


# COPY's text format: a backslash, a tab, a line feed or a carriage return in a value is
# written as an escape.
_COPY_TEXT = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


_BATCH = 2048
_CHUNK = 16 * _BATCH


class _CopyText:
    """A bundle's checked records not stored yet (``known`` are), as lines of COPY text
    for the visit and item tables, made a number of records at a time (:meth:`make`)
    and taken as they are (:meth:`take_visits`, :meth:`take_items`)."""

    def __init__(self, bundle: VerifiedBundle, known: set[int], point_name: str, ward: str) -> None:
        self._rows = bundle.rows(null=_N)
        self._known = known
        self._head = "\t".join(_copy_text(x) for x in (bundle.bundle_id, point_name, ward))
        # The item lines of each combination of services and outcomes, without the
        # kiosk and visit they begin with (few combinations recur).
        self._combos: dict[tuple[Any, Any], list[str]] = {}
        self.visits: list[str] = []
        self.items: list[str] = []
        self.new = 0
        self.done = False

    def take_visits(self) -> str:
        """The visit lines made since last time."""
        text = "".join(self.visits)
        self.visits.clear()
        return text

    def take_items(self) -> str:
        """The item lines made since last time."""
        text = "".join(self.items)
        self.items.clear()
        return text

    def make(self, count: int) -> None:
        """Check and write out up to ``count`` more records (all there are, at the end,
        when :attr:`done` is set: the bundle's last checks have then passed too)."""
        if self.done:
            return
        known, head = self._known, self._head
        tail = f"\t{head}\t"
        visits, items = self.visits, self.items
        seen = 0
        for plain, values in itertools.islice(self._rows, count):
            seen += 1
            if plain:  # texts as written; none holds a tab, a line break or a backslash
                vid, kiosk = values[_VISIT], values[_KIOSK]
                if known and int(vid) in known:
                    continue
                visits.append(
                    "\t".join(_plain_cells(values))
                    + tail
                    + str(plain_steps(values[_GUIDES]))
                    + "\n"
                )
                lines = self._item_lines(values[_SERVICES], values[_OUTCOME], True)
            else:
                vid, kiosk = values[_VISIT], values[_KIOSK]
                if vid in known:
                    continue
                visits.append(_copy_row(values, head))
                kiosk = _copy_text(kiosk)
                lines = self._item_lines(values[_SERVICES], values[_OUTCOME], False)
            self.new += 1
            if lines:
                start = f"{kiosk}\t{vid}\t"
                items.append(start + f"\n{start}".join(lines) + "\n")
        if seen < count:
            self.done = True

    def _item_lines(self, services: Any, outcome: Any, plain: bool) -> list[str]:
        """The item lines of a visit's services and outcomes (each once), without the
        kiosk and visit they begin with; few combinations recur, so they are kept."""
        key = (services, outcome) if plain else (tuple(services), tuple(outcome))
        lines = self._combos.get(key)
        if lines is None:
            if plain:
                services, outcome = plain_items(services), plain_items(outcome)
            lines = self._combos[key] = [
                f"service\t{_copy_text(x)}" for x in dict.fromkeys(services)
            ] + [f"outcome\t{_copy_text(x)}" for x in dict.fromkeys(outcome)]
        return lines


_N = "\\N"


def _copy_text(value: str) -> str:
    return value.translate(_COPY_TEXT)


# The visit table's columns in the order COPY is given them: a record's fields in schema
# order (without the services and outcome, which go to the item table), then what the
# collector adds.
_RECORD_CELLS = tuple(INDEX[f] for f in schema.FIELD_NAMES if f not in ("services", "outcome"))
_SERVICES, _GUIDES, _OUTCOME = INDEX["services"], INDEX["guides"], INDEX["outcome"]
_VISIT, _KIOSK = INDEX["visit_id"], INDEX["kiosk_id"]
COPY_COLUMNS = (
    *(schema.FIELD_NAMES[i] for i in _RECORD_CELLS),
    "bundle_id",
    "point_name",
    "ward",
    "guide_steps",
)
assert sorted(COPY_COLUMNS) == sorted(VISIT_COLUMNS)
_plain_cells = operator.itemgetter(*_RECORD_CELLS)


def _copy_row(values: tuple[Any, ...], head: str) -> str:
    """One checked record as a line of COPY text in :data:`COPY_COLUMNS` order
    (``head``: bundle id, point and ward)."""

    def cell(x: Any) -> str:
        if x is None:
            return "\\N"
        if isinstance(x, str):
            return _copy_text(x)
        if isinstance(x, list):
            return _copy_text(orjson.dumps(x).decode())
        return str(x)

    return "\t".join([*map(cell, _plain_cells(values)), head, str(len(values[_GUIDES]))]) + "\n"
