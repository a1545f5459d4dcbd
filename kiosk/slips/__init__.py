"""QR follow-up slips (Qt-free): what goes on a slip, the PDF, printing, and the record.

ReportLab, qrcode and escpos are imported only when a slip is made or printed.
"""

from kiosk.slips.content import GuideSource, ServiceUrls, SlipData, SlipGuide, qr_target
from kiosk.slips.printing import CupsPrinter, EscposPrinter, NoPrinter, Printer, PrintError
from kiosk.slips.service import FailedSlip, PrintOutcome, SlipService

__all__ = [
    "CupsPrinter",
    "EscposPrinter",
    "FailedSlip",
    "GuideSource",
    "NoPrinter",
    "PrintError",
    "PrintOutcome",
    "Printer",
    "ServiceUrls",
    "SlipData",
    "SlipGuide",
    "SlipService",
    "qr_target",
]
