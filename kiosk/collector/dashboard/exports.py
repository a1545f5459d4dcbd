"""A page's tables as CSV (UTF-8 with a byte-order mark, so Excel keeps the letters) and
XLSX (real number and date cells, one sheet per table)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime

from kiosk.collector.dashboard.views import Table
from kiosk.export.schema import safe_cell


def to_csv(tables: list[Table], heading: Callable[[str], str]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    for i, t in enumerate(tables):
        if i:
            w.writerow([])
        w.writerow([heading(f"table_{t.name}")])
        w.writerow([heading(f"col_{c}") for c in t.columns])
        for row in t.rows:
            w.writerow([_text(x) for x in row])
    return b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8")


def _text(x: object) -> str:
    if x is None:
        return ""
    if isinstance(x, datetime):
        return x.strftime("%Y-%m-%d %H:%M")
    if isinstance(x, date):
        return x.isoformat()
    if isinstance(x, int | float):
        return str(x)
    return safe_cell(str(x))


def to_xlsx(tables: list[Table], heading: Callable[[str], str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    for t in tables:
        ws = wb.create_sheet(heading(f"table_{t.name}")[:31].translate(_SHEET))
        head = []
        for c in t.columns:
            cell = WriteOnlyCell(ws, value=heading(f"col_{c}"))
            cell.font = bold
            head.append(cell)
        ws.append(head)
        for row in t.rows:
            out = []
            for x in row:
                if isinstance(x, datetime):
                    cell = WriteOnlyCell(ws, value=x.replace(tzinfo=None))
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(x, date):
                    cell = WriteOnlyCell(ws)
                    cell.value = x  # the same as value=x, which openpyxl's stubs type too narrowly
                    cell.number_format = "yyyy-mm-dd"
                elif isinstance(x, str):
                    cell = WriteOnlyCell(ws, value=safe_cell(x))
                else:
                    cell = WriteOnlyCell(ws, value=x)
                out.append(cell)
            ws.append(out)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_SHEET = str.maketrans({c: " " for c in "[]:*?/\\"})
