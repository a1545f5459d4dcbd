"""Guide packs: the model, the loader that refuses broken packs, the validator behind
``literacy-kiosk guides check``, and the record of which steps a citizen viewed."""

from kiosk.guides.loader import default_dir, load_all
from kiosk.guides.model import (
    LANGS,
    Guide,
    GuideText,
    Issue,
    Library,
    Problem,
    ProblemText,
    Refused,
    Step,
    StepText,
    fallback_chain,
)
from kiosk.guides.validate import check_pack

__all__ = [
    "LANGS",
    "Guide",
    "GuideText",
    "Issue",
    "Library",
    "Problem",
    "ProblemText",
    "Refused",
    "Step",
    "StepText",
    "check_pack",
    "default_dir",
    "fallback_chain",
    "load_all",
]
