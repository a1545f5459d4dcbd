"""Sending a slip to a printer, silently: no dialog at the kiosk.

Every printer has one method, ``print_pdf(pdf, title) -> job``, and raises
:class:`PrintError` with a ``kind`` the screens turn into a calm sentence:

- :class:`CupsPrinter` — a system printer on Linux through CUPS's ``lp``; ``lpstat`` is asked
  first so a stopped, missing or refusing queue is reported instead of silently queued.
- :class:`EscposPrinter` — a small thermal printer without a driver. Vietnamese and Arabic are
  not in printer code pages, so the slip is printed as a 1-bit raster image (``GS v 0``) of
  the printer's width (576 dots on 80 mm rolls, 384 on 58 mm).
- On Windows the ui layer supplies a spooler printer (Qt's QPrinter) through
  :func:`make_printer`'s ``system`` argument.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from typing import Any, Protocol

ERROR_KINDS = ("no_printer", "missing", "stopped", "rejecting", "failed", "no_tool")


class PrintError(Exception):
    """Printing failed; ``kind`` is one of :data:`ERROR_KINDS`, ``detail`` the printer's own
    words (for volunteers and the record)."""

    def __init__(self, kind: str, printer: str = "", detail: str = "") -> None:
        super().__init__(f"{kind}: {printer}: {detail}".strip(": "))
        self.kind, self.printer, self.detail = kind, printer, detail.strip()


class Printer(Protocol):
    @property
    def label(self) -> str: ...

    def print_pdf(self, pdf: bytes, title: str) -> str: ...


class NoPrinter:
    """``printer.kind = "none"``: every slip is shown on screen instead."""

    label = "none"

    def print_pdf(self, pdf: bytes, title: str) -> str:
        raise PrintError("no_printer", self.label)


def _run(args: Sequence[str], timeout: float) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, LC_ALL="C", LANG="C")
    return subprocess.run(
        list(args), capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


class CupsPrinter:
    """A CUPS queue (``name``; empty for the system default)."""

    def __init__(
        self, name: str = "", *, options: Sequence[str] = (), timeout: float = 20.0
    ) -> None:
        self.name, self.options, self.timeout = name, tuple(options), timeout

    @property
    def label(self) -> str:
        return self.name or "default"

    def destination(self) -> str:
        if self.name:
            return self.name
        out = _run(["lpstat", "-d"], self.timeout).stdout
        if ":" in out and "no system default" not in out:
            return out.split(":", 1)[1].strip()
        raise PrintError("no_printer", self.label, out.strip())

    def check(self, dest: str) -> None:
        """Raise unless ``dest`` exists, is enabled and accepts jobs."""
        st = _run(["lpstat", "-p", dest], self.timeout)
        text = (st.stdout + st.stderr).strip()
        if st.returncode != 0 or not st.stdout.strip():
            raise PrintError("missing", dest, text)
        if " disabled" in st.stdout.splitlines()[0]:
            reason = " ".join(line.strip() for line in st.stdout.splitlines()[1:]).strip(" -")
            raise PrintError("stopped", dest, reason or text)
        acc = _run(["lpstat", "-a", dest], self.timeout)
        if "not accepting" in acc.stdout:
            raise PrintError("rejecting", dest, acc.stdout.strip())

    def print_pdf(self, pdf: bytes, title: str) -> str:
        if not (shutil.which("lp") and shutil.which("lpstat")):
            raise PrintError("no_tool", self.label, "lp/lpstat not found (install cups-client)")
        try:
            dest = self.destination()
            self.check(dest)
            with tempfile.TemporaryDirectory(prefix="slip-") as tmp:
                path = os.path.join(tmp, "slip.pdf")
                with open(path, "wb") as fh:
                    fh.write(pdf)
                args = ["lp", "-d", dest, "-t", title]
                for opt in self.options:
                    args += ["-o", opt]
                res = _run([*args, path], self.timeout)
        except subprocess.TimeoutExpired as exc:
            raise PrintError(
                "failed", self.label, f"CUPS did not answer in {exc.timeout} s"
            ) from exc
        except OSError as exc:
            raise PrintError("no_tool", self.label, str(exc)) from exc
        if res.returncode != 0:
            detail = (res.stderr or res.stdout).strip()
            kind = (
                "rejecting"
                if "not accepting" in detail
                else "missing"
                if "does not exist" in detail
                else "failed"
            )
            raise PrintError(kind, dest, detail)
        out = res.stdout.strip()
        return out.removeprefix("request id is ").split(" ", 1)[0] or out


# -- ESC/POS ------------------------------------------------------------------------------
Rasteriser = Callable[[bytes, int, int], list[Any]]


def render_pages(pdf: bytes, *, width_px: int = 0, dpi: int = 0) -> list[bytes]:
    """Each PDF page as a greyscale PNG, ``width_px`` wide or at ``dpi``, drawn by poppler's
    ``pdftoppm`` (previews on screen, raster printing)."""
    if not shutil.which("pdftoppm"):
        raise PrintError("no_tool", "pdftoppm", "pdftoppm not found (install poppler-utils)")
    size = (
        ["-scale-to-x", str(width_px), "-scale-to-y", "-1"] if width_px else ["-r", str(dpi or 150)]
    )
    with tempfile.TemporaryDirectory(prefix="slip-") as tmp:
        src = os.path.join(tmp, "slip.pdf")
        with open(src, "wb") as fh:
            fh.write(pdf)
        res = _run(["pdftoppm", "-gray", "-png", *size, src, os.path.join(tmp, "page")], 60)
        if res.returncode != 0:
            raise PrintError("failed", "pdftoppm", res.stderr.strip())
        pages = sorted(f for f in os.listdir(tmp) if f.startswith("page"))
        out = []
        for f in pages:
            with open(os.path.join(tmp, f), "rb") as fh:
                out.append(fh.read())
        return out


def pdf_to_bitmaps(pdf: bytes, page_px: int, print_px: int) -> list[Any]:
    """Each PDF page as a 1-bit Pillow image ``print_px`` wide: the page is rendered
    ``page_px`` wide and its side margins cut off."""
    from PIL import Image

    images = []
    for png in render_pages(pdf, width_px=page_px):
        with Image.open(io.BytesIO(png)) as im:
            gray = im.convert("L")
        left = max(0, (gray.width - print_px) // 2)
        gray = gray.crop((left, 0, left + print_px, gray.height))
        # A hard threshold keeps small text crisp on a thermal head (no dithering).
        images.append(gray.point(lambda v: 255 if v > 150 else 0).convert("1"))
    return images


class EscposPrinter:
    """A driverless thermal printer: ``device`` is ``usb:VID:PID`` (hex) or a device file."""

    def __init__(
        self,
        device: str,
        page_px: int = 640,
        print_px: int = 576,
        *,
        rasterise: Rasteriser = pdf_to_bitmaps,
    ) -> None:
        self.device, self.page_px, self.print_px = device, page_px, print_px
        self.rasterise = rasterise

    @property
    def label(self) -> str:
        return f"escpos:{self.device}"

    def _open(self) -> Any:
        if not self.device:
            raise PrintError("no_printer", self.label, "printer.escpos_device is empty")
        if self.device.startswith("usb:"):
            from escpos.printer import Usb

            try:
                _, vid, pid = self.device.split(":")
                p = Usb(int(vid, 16), int(pid, 16))
            except ValueError as exc:
                raise PrintError("missing", self.label, "use usb:VID:PID in hex") from exc
        else:
            from escpos.printer import File

            p = File(self.device)
        p.open()
        return p

    def print_pdf(self, pdf: bytes, title: str) -> str:
        images = self.rasterise(pdf, self.page_px, self.print_px)
        try:
            p = self._open()
        except PrintError:
            raise
        except Exception as exc:  # the escpos library raises its own types
            raise PrintError("missing", self.label, str(exc)) from exc
        try:
            for im in images:
                p.image(im, impl="bitImageRaster", fragment_height=960)
            p.cut()
        except Exception as exc:
            raise PrintError("failed", self.label, str(exc)) from exc
        finally:
            with contextlib.suppress(Exception):  # closing must not hide why it failed
                p.close()
        return f"{len(images)} image(s)"


def make_printer(settings: Any, *, system: Callable[[str], Printer] | None = None) -> Printer:
    """The printer the settings choose. ``system`` makes the system printer on platforms
    without CUPS (the ui layer passes Qt's spooler printer on Windows)."""
    kind = settings["printer.kind"]
    if kind == "none":
        return NoPrinter()
    if kind == "escpos":
        from kiosk.slips.pdf import FORMATS

        fmt = FORMATS[settings["printer.format"]]
        print_px = fmt.dots or 576
        page_px = round(print_px * fmt.width / fmt.content_width) if fmt.dots else print_px
        return EscposPrinter(settings["printer.escpos_device"], page_px, print_px)
    if system is not None and sys.platform == "win32":
        return system(settings["printer.name"])
    return CupsPrinter(settings["printer.name"])
