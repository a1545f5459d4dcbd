"""Guide packs: the model, the loader that refuses broken packs, the validator behind
``literacy-kiosk guides check`` (``kiosk.guides.validate``, loaded only when a pack is
really checked), and the record of which steps a citizen viewed."""

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
    "default_dir",
    "fallback_chain",
    "load_all",
]
