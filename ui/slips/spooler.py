"""The system printer through Qt's QPrinter: the Windows spooler path (on Linux the core's
CUPS printer is used). Silent: no dialog; the slip's pages are drawn as pictures at the
printer's resolution, so fonts need not be installed on the printer or in the driver."""

from __future__ import annotations

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.slips.printing import PrintError, render_pages


class QtSpoolerPrinter:
    """``name`` is the printer as the system lists it; empty for the default printer.
    ``output_file`` prints to a PDF file instead (for checking the path without paper)."""

    def __init__(self, name: str = "", *, output_file: str = "", dpi: int = 300) -> None:
        self.name, self.output_file, self.dpi = name, output_file, dpi

    @property
    def label(self) -> str:
        return self.name or "default"

    def _printer(self) -> QPrinter:
        if self.output_file:
            p = QPrinter(QPrinter.PrinterMode.HighResolution)
            p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            p.setOutputFileName(self.output_file)
            return p
        info = QPrinterInfo.printerInfo(self.name) if self.name else QPrinterInfo.defaultPrinter()
        if info.isNull():
            raise PrintError("missing" if self.name else "no_printer", self.label)
        p = QPrinter(info, QPrinter.PrinterMode.HighResolution)
        if not p.isValid():
            raise PrintError("missing", self.label)
        return p

    def print_pdf(self, pdf: bytes, title: str) -> str:
        # The binding takes the format as str ("PNG"); bytes, which its stub asks for, fail.
        pages = [QImage.fromData(png, "PNG") for png in render_pages(pdf, dpi=self.dpi)]  # type: ignore[arg-type]
        if not pages or any(img.isNull() for img in pages):
            raise PrintError("failed", self.label, "the slip could not be drawn")
        printer = self._printer()
        printer.setDocName(title)
        first = pages[0]
        size_mm = QSizeF(first.width() / self.dpi * 25.4, first.height() / self.dpi * 25.4)
        page = QPageSize(
            size_mm, QPageSize.Unit.Millimeter, title, QPageSize.SizeMatchPolicy.FuzzyMatch
        )
        printer.setPageLayout(
            QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
        )
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError("failed", self.label, "the printer did not start the job")
        try:
            for i, img in enumerate(pages):
                if i:
                    printer.newPage()
                scaled = img.size().scaled(
                    painter.viewport().size(), Qt.AspectRatioMode.KeepAspectRatio
                )
                painter.drawImage(QRectF(0, 0, scaled.width(), scaled.height()), img)
        finally:
            painter.end()
        return f"{len(pages)} page(s)"
