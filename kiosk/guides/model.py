"""A guide pack as plain data: what the screens show and what the slip prints.

Text comes in several languages. ``Guide.text(lang)``, ``Step.text(lang)`` and
``Problem.text(lang)`` fall back when a language is missing: Arabic and other languages
to English, then Vietnamese; English to Vietnamese; Vietnamese to English.
``Guide.lang_for(lang)`` says which language was really used, so speech picks the voice
of the words on screen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

GUIDE_FILE = "guide.toml"  # each pack's one text file
Day = date  # a name for the type, since a source's field is called ``date``
LANGS = ("vi", "en", "ar")
REQUIRED_LANGS = ("vi", "en")


def lang_order(lang: str) -> tuple[int, str]:
    """Vietnamese, English, Arabic first, then any other language by its code."""
    return (LANGS.index(lang) if lang in LANGS else len(LANGS), lang)


def fallback_chain(lang: str) -> tuple[str, ...]:
    """The languages to try, in order, for a reader who wants ``lang``."""
    if lang == "vi":
        return ("vi", "en")
    if lang == "en":
        return ("en", "vi")
    return (lang, "en", "vi")


def _pick(texts: Mapping[str, object], lang: str) -> str:
    for code in fallback_chain(lang):
        if code in texts:
            return code
    return next(iter(texts))


@dataclass(frozen=True)
class GuideText:
    title: str
    can_do: str
    bring: tuple[str, ...]
    next_at_home: str


@dataclass(frozen=True)
class Explainer:
    """A short answer to "What is an OTP?", shown and read at the first step that uses the
    word (the words and answers come from ``resources/i18n/glossary.toml``)."""

    term: str
    question: str
    answer: str


@dataclass(frozen=True)
class StepText:
    text: str
    tip: str = ""
    warning: str = ""
    explain: tuple[Explainer, ...] = ()

    def spoken(self) -> str:
        """What the speaker button reads: the words, the tip, the warning, then what each
        new word means."""
        parts = [self.text, self.tip, self.warning]
        for e in self.explain:
            parts += [e.question, e.answer]
        return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class ProblemText:
    problem: str
    fix: str


@dataclass(frozen=True)
class Step:
    number: int  # 1-based
    picture: Path
    texts: Mapping[str, StepText]
    names_ui: bool = False  # the step names a button or menu: look at it first in a field check

    def lang_for(self, lang: str) -> str:
        return _pick(self.texts, lang)

    def text(self, lang: str) -> StepText:
        return self.texts[self.lang_for(lang)]


@dataclass(frozen=True)
class Problem:
    texts: Mapping[str, ProblemText]

    def text(self, lang: str) -> ProblemText:
        return self.texts[_pick(self.texts, lang)]


@dataclass(frozen=True)
class Source:
    """A public page the guide's facts come from, with that page's own date."""

    title: str
    url: str
    date: Day | None = None  # None when the page shows no date of its own


@dataclass(frozen=True)
class Guide:
    id: str
    service: str
    order: int
    folder: Path
    icon: Path
    official_url: str
    sources: tuple[Source, ...]
    field_checked: date | None  # None until a person walks the guide through on a phone
    minutes: int
    texts: Mapping[str, GuideText]
    steps: tuple[Step, ...]
    problems: tuple[Problem, ...]
    version: str = ""  # the pack's edition as its author wrote it; "" when not given

    @property
    def sources_date(self) -> date | None:
        """The date of the newest source the steps rely on."""
        return max((s.date for s in self.sources if s.date is not None), default=None)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted(self.texts, key=lang_order))

    def lang_for(self, lang: str) -> str:
        """The language the guide's words are shown in for a reader who wants ``lang``."""
        return _pick(self.texts, lang)

    def text(self, lang: str) -> GuideText:
        return self.texts[self.lang_for(lang)]

    @property
    def next_at_home(self) -> Mapping[str, str]:
        return {code: t.next_at_home for code, t in self.texts.items()}


@dataclass(frozen=True)
class Issue:
    """One problem in a guide pack: the file, the field inside it, and what is wrong.

    An "error" keeps the guide off the kiosk; a "warning" is something the kiosk copes
    with (it still shows the guide) but the author should fix."""

    path: Path
    field: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


@dataclass(frozen=True)
class Refused:
    """A pack the kiosk would not load, with every reason."""

    folder: Path
    issues: tuple[Issue, ...]

    @property
    def message(self) -> str:
        first = self.issues[0] if self.issues else None
        more = len(self.issues) - 1
        text = f"The guide in '{self.folder.name}' was not loaded"
        if first is not None:
            text += f": {first.field}: {first.message}"
        if more > 0:
            text += f" (and {more} more problem{'s' if more > 1 else ''})"
        return text + ". Run 'literacy-kiosk guides check' to see every problem."


@dataclass(frozen=True)
class Library:
    """The guides that loaded, in home-screen order, the packs that were refused, and
    warnings about guides that are shown anyway."""

    guides: tuple[Guide, ...]
    refused: tuple[Refused, ...]
    warnings: tuple[Issue, ...] = ()

    def get(self, guide_id: str) -> Guide | None:
        return next((g for g in self.guides if g.id == guide_id), None)

    @property
    def issues(self) -> list[Issue]:
        """Every problem found: those of refused packs, then the warnings."""
        return [i for r in self.refused for i in r.issues] + list(self.warnings)
