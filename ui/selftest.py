"""``literacy-kiosk --selftest``: can this machine run the kiosk?

Checks what the kiosk needs, one line each, and exits 1 when something needed is missing:

- the Qt platform plug-in (the window system it would draw on) and the bundled fonts,
- the speech engines and their voices (a missing Vietnamese voice is a warning: the kiosk
  still works, it just cannot read aloud),
- the SSL backends (Python's, for sending to the collector, and Qt's),
- the database (opened and migrated as at start; a database from a newer version fails),
- the guide packs and the translations,
- the libraries loaded on first use (slips, export, storage), so a bundle missing one
  fails here rather than in front of a citizen.

The installer runs it on a copy of the database before switching to a new version.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

OK, WARN, FAIL = "ok", "warn", "FAIL"
LANGUAGES = ("vi", "en", "ar")


@dataclass
class Report:
    """The checks' results, in order; ``failed`` is True when something needed is missing."""

    lines: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, status: str, what: str, detail: str) -> None:
        self.lines.append((status, what, detail))

    @property
    def failed(self) -> bool:
        return any(status == FAIL for status, _, _ in self.lines)

    def write(self, out: TextIO) -> None:
        for status, what, detail in self.lines:
            print(f"{status:<4}  {what:<12} {detail}", file=out)
        verdict = "something the kiosk needs is missing" if self.failed else "ready"
        print(f"self-test: {verdict}", file=out)


def _guarded(report: Report, what: str, check: Callable[[Report], None]) -> None:
    try:
        check(report)
    except Exception as exc:  # a check that crashes is a failed check, not a crashed test
        report.add(FAIL, what, f"{type(exc).__name__}: {exc}")


def check_platform(report: Report) -> None:
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication

    from ui.fonts import FAMILY, register_fonts

    report.add(OK, "qt", f"Qt {qVersion()}, platform {QGuiApplication.platformName()}")
    families = register_fonts()
    if FAMILY in families:
        report.add(OK, "fonts", ", ".join(families))
    else:
        report.add(FAIL, "fonts", f"{FAMILY} not found among the bundled fonts: {families}")


def check_speech(report: Report) -> None:
    """The engines Qt finds, and the voices of the one the kiosk would use."""
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError as exc:
        report.add(FAIL, "speech", f"Qt TextToSpeech cannot be loaded: {exc}")
        return
    engines = list(QTextToSpeech.availableEngines())
    if not engines:
        report.add(FAIL, "speech", "no speech engine plug-in at all")
        return
    report.add(OK, "speech", f"engines: {', '.join(engines)}")
    wanted = os.environ.get("KIOSK_TTS_ENGINE", "")
    if wanted == "none":
        report.add(WARN, "voices", "speech turned off (KIOSK_TTS_ENGINE=none)")
        return
    tts = QTextToSpeech(wanted) if wanted else QTextToSpeech()
    name = tts.engine() or wanted or "default"
    if tts.state() == QTextToSpeech.State.Error:
        report.add(
            WARN,
            "voices",
            f"engine {name} does not start ({tts.errorString() or 'no reason given'}); "
            "install speech-dispatcher and espeak-ng",
        )
        return
    languages = sorted({loc.name() for loc in tts.availableLocales()})
    voices = len(tts.availableVoices())
    ours = [name for name in languages if name.split("_")[0] in LANGUAGES]
    has_vi = any(name.startswith("vi") for name in languages)
    report.add(
        OK if has_vi else WARN,
        "voices",
        f"engine {name}: {voices} voices in {len(languages)} languages; "
        f"the kiosk's: {', '.join(ours) or 'none'}"
        + ("" if has_vi else "; no Vietnamese voice (install espeak-ng)"),
    )


def check_ssl(report: Report) -> None:
    import ssl

    report.add(OK, "ssl", f"Python: {ssl.OPENSSL_VERSION}")
    from PySide6.QtNetwork import QSslSocket

    if QSslSocket.supportsSsl():
        report.add(
            OK, "ssl", f"Qt: {QSslSocket.activeBackend()} {QSslSocket.sslLibraryVersionString()}"
        )
    else:
        built = QSslSocket.sslLibraryBuildVersionString()
        report.add(WARN, "ssl", f"Qt has no TLS backend (built for {built})")


def check_database(report: Report, url: str | None) -> None:
    from kiosk.db_version import SCHEMA_HEAD, check_not_newer, sqlite_file, sqlite_revision
    from kiosk.storage.database import default_url

    url = url or default_url()
    path = sqlite_file(url)
    if path is not None:
        check_not_newer(sqlite_revision(path), str(path))
    from kiosk.storage import open_database
    from kiosk.storage.database import current_revision

    db = open_database(url)
    try:
        revision = current_revision(db.engine)
    finally:
        db.dispose()
    where = str(path) if path is not None else db.engine.url.render_as_string(hide_password=True)
    if revision != SCHEMA_HEAD:
        report.add(FAIL, "database", f"{where} at schema {revision}, expected {SCHEMA_HEAD}")
    else:
        report.add(OK, "database", f"{where} (schema {revision})")


def check_guides(report: Report) -> None:
    from kiosk.guides.loader import default_dir, load_all

    library = load_all()
    for refused in library.refused:
        report.add(FAIL, "guides", f"refused {refused.folder.name}: {refused.issues[0]}")
    if not library.guides:
        report.add(FAIL, "guides", f"no guide pack in {default_dir()}")
    else:
        report.add(OK, "guides", f"{len(library.guides)} packs in {default_dir()}")


def check_translations(report: Report) -> None:
    from kiosk.i18n import load_catalog

    sizes = {lang: len(load_catalog(lang)) for lang in LANGUAGES}
    missing = [lang for lang, n in sizes.items() if n == 0]
    detail = ", ".join(f"{lang} {n}" for lang, n in sizes.items())
    report.add(FAIL if missing else OK, "translations", f"texts per language: {detail}")


# What the kiosk imports only when first used (slips, export, the database): a bundle that
# lacks one of them works until a volunteer needs it, so the self-test imports them now.
ON_FIRST_USE = (
    ("slips", ("reportlab.pdfgen.canvas", "qrcode", "PIL.Image", "escpos.printer")),
    ("export", ("nacl.signing", "nacl.public", "orjson")),
    ("storage", ("sqlalchemy.dialects.sqlite", "alembic.command")),
)


def check_modules(report: Report) -> None:
    import importlib

    for part, modules in ON_FIRST_USE:
        missing = []
        for name in modules:
            try:
                importlib.import_module(name)
            except Exception as exc:  # ImportError, or a library of the system missing
                missing.append(f"{name} ({exc})")
        if missing:
            report.add(FAIL, part, "cannot load " + "; ".join(missing))
        else:
            report.add(OK, part, ", ".join(modules))
    # A real slip, with the kiosk's fonts and a QR code, drawn in memory.
    from kiosk.slips.pdf import render
    from kiosk.slips.sample import sample_slip

    pdf = render(sample_slip("vi"), "80mm")
    report.add(OK if pdf.startswith(b"%PDF") else FAIL, "slips", f"sample slip {len(pdf)} bytes")


def run_checks(database_url: str | None = None) -> Report:
    """Every check, in order. Needs a QApplication (any platform) to exist."""
    report = Report()
    _guarded(report, "qt", check_platform)
    _guarded(report, "speech", check_speech)
    _guarded(report, "ssl", check_ssl)
    _guarded(report, "database", lambda r: check_database(r, database_url))
    _guarded(report, "guides", check_guides)
    _guarded(report, "translations", check_translations)
    _guarded(report, "modules", check_modules)
    return report


def main(database_url: str | None = None, out: TextIO | None = None) -> int:
    """Run the checks, print the report, and return the exit code (0 ready, 1 not)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - kept alive
    from kiosk.version import version

    out = out or sys.stdout
    print(f"literacy-kiosk {version()} self-test", file=out)
    report = run_checks(database_url)
    report.write(out)
    return 1 if report.failed else 0
