"""Every outcome and every service, on a slip in every language: in that language's words,
read back from the paper (never empty, never the recorded key, never Vietnamese on an
English or Arabic slip)."""

from __future__ import annotations

from pathlib import Path

import pytest
from slip_helpers import have, pdftotext

from kiosk.i18n import load_catalog
from kiosk.queue.model import OUTCOMES
from kiosk.services import SERVICES
from kiosk.settings import Settings
from kiosk.slips import NoPrinter, SlipService


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["vi", "en", "ar"])
def test_every_outcome_and_service_prints_in_words(
    require, db, make_visit, tmp_path: Path, lang: str
) -> None:
    require(have("pdftotext"), "pdftotext (poppler-utils) is needed to read the PDF")
    catalog = load_catalog(lang)
    visit_id = make_visit(lang, services=SERVICES, guide_ids=(), outcome=OUTCOMES)
    svc = SlipService(db, Settings(), printer=NoPrinter())
    data = svc.slip_data(visit_id)
    paper = squeezed(pdftotext(svc.make_pdf(visit_id, "80mm"), tmp_path))
    vi = load_catalog("vi")
    for kind, keys, words in (
        ("service", SERVICES, data.service_names()),
        ("outcome", OUTCOMES, data.outcome_names()),
    ):
        for key, word in zip(keys, words, strict=True):
            where = f"service.{key}" if kind == "service" else f"slips.outcome.{key}"
            assert where in catalog, f"{where} has no {lang} words"  # not a fallback
            assert word.strip() and word not in (key, key.replace("_", " ")), (kind, key)
            if lang != "vi":
                assert word != vi[where], f"{lang} slip prints Vietnamese for {key}"
            # Where Arabic meets Latin letters the reader may move a space: compare letters.
            assert squeezed(word) in paper, f"{kind} {key} ({word!r}) is not on the {lang} slip"
