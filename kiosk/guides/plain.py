"""Plain-language rules for guide packs, checked by ``literacy-kiosk guides check``.

The readers are older people at a touch screen, so each step screen must be short and do
one thing at a time. The rules, and how hard each one is:

- **Reading load** (Vietnamese): at most :data:`SYLLABLES` syllables on a step screen,
  counting the text, the tip and the warning (Vietnamese syllables are the words between
  spaces). Over it is a warning; over :data:`SYLLABLES_MAX` the screen is too long to
  read and the guide is refused.
- **One action per sentence** (Vietnamese step text): at most one verb from the
  glossary's ``actions`` per sentence, words in quotes left out. A warning.
- **Button names in quotes**: a capitalised word right after "bấm", "chọn"... in
  Vietnamese, or a Vietnamese word outside quotes in English or Arabic, is a screen name
  that belongs in quotes. A warning.
- **names_ui**: a step that quotes a button or menu says so with ``names_ui = true``
  (and only such a step does), so a field check knows what to look at first. A warning.
- **One term per thing**: the glossary's ``[[prefer]]`` words (``máy`` → ``điện thoại``
  or ``máy tính``). A warning.
- **Jargon explained**: a word in the glossary's ``[[jargon]]`` gets a short "What is
  ...?" answer on the first step that uses it (shown and read aloud); a short
  capitalised word that is neither jargon nor ``known`` must be added to the glossary or
  written plainly. A warning.

The glossary is data, ``resources/i18n/glossary.toml``, so a writer can extend it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from kiosk.guides.model import Explainer, fallback_chain
from kiosk.paths import glossary_path

SYLLABLES = 40
SYLLABLES_MAX = 50

_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"")
_BRACKETS = re.compile(r"\([^)]*\)")
_SENTENCE = re.compile(r"[.!?;:]+(?:\s|$)")
_ACRONYM = re.compile(r"(?<![\w.])([A-Za-z]*[A-Z][A-Za-z]*[A-Z][A-Za-z]*|\.[a-z]{2,4})(?!\w)")
_VI_PRESS = re.compile(
    r"\b(?:bấm|nhấn|chạm|chọn)\s+(?:vào\s+)?(?:nút\s+|mục\s+|ô\s+|biểu tượng\s+)?(?P<word>\w+)",
    re.IGNORECASE,
)
# Latin letters that only Vietnamese uses among the kiosk's languages.
_VI_LETTER = re.compile(r"[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]")


@dataclass(frozen=True)
class Prefer:
    lang: str
    avoid: str
    use: str
    fine: tuple[str, ...] = ()
    # "guides": the guide packs only; "all": the screens' and slips' catalogs too
    scope: str = "guides"


@dataclass(frozen=True)
class Jargon:
    term: str
    texts: Mapping[str, tuple[str, str]]  # lang -> (question, answer)
    words: Mapping[str, tuple[str, ...]]  # lang -> how the word is written

    def explainer(self, lang: str) -> Explainer:
        for code in fallback_chain(lang):
            if code in self.texts:
                question, answer = self.texts[code]
                return Explainer(self.term, question, answer)
        question, answer = next(iter(self.texts.values()))
        return Explainer(self.term, question, answer)

    def used_in(self, text: str, lang: str) -> bool:
        words = self.words.get(lang, (self.term,))
        if lang == "ar":  # Arabic joins "and", "with"... to the word: look for the letters
            return any(w in text for w in words)
        return any(_has_word(text, w) for w in words)


@dataclass(frozen=True)
class Glossary:
    known: frozenset[str] = frozenset()
    actions: tuple[str, ...] = ()
    not_actions: tuple[str, ...] = ()
    prefer: tuple[Prefer, ...] = ()
    jargon: tuple[Jargon, ...] = ()
    # lang -> words of several syllables a wrapped line must not split ("Công an")
    together: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def is_jargon(self, word: str) -> bool:
        return any(word.lower() == j.term.lower() for j in self.jargon)


@cache
def _word(word: str, flags: int = 0) -> re.Pattern[str]:
    """``word`` as a whole word. Compiled once: a guide check looks for every glossary word
    in every text, more patterns than the re module keeps, and the kiosk checks its packs at
    every start."""
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", flags)


def _may_hold(text: str, word: str, fold: bool) -> bool:
    """A quick test that must hold wherever the word's pattern matches: most glossary words
    are in no given text, and then their pattern is never compiled nor run."""
    return word.casefold() in text.casefold() if fold else word in text


def _has_word(text: str, word: str) -> bool:
    return _may_hold(text, word, True) and bool(_word(word, re.IGNORECASE).search(text))


def _drop_word(text: str, word: str, fold: bool = False) -> str:
    """``text`` with ``word`` (whole words only) replaced by a space."""
    if not _may_hold(text, word, fold):
        return text
    return _word(word, re.IGNORECASE if fold else 0).sub(" ", text)


def read_glossary(path: Path) -> Glossary:
    """The glossary in ``path`` (a missing file gives an empty glossary: no word rules)."""
    try:
        with open(path, "rb") as fh:
            data: dict[str, Any] = tomllib.load(fh)
    except FileNotFoundError:
        return Glossary()
    jargon = []
    for j in data.get("jargon", []):
        texts, words = {}, {}
        for lang, body in j.items():
            if isinstance(body, dict):
                texts[lang] = (body["question"], body["answer"])
                words[lang] = tuple(body.get("words", (j["term"],)))
        jargon.append(Jargon(j["term"], texts, words))
    return Glossary(
        known=frozenset(data.get("known", ())),
        actions=tuple(sorted(data.get("actions", ()), key=len, reverse=True)),
        not_actions=tuple(data.get("not_actions", ())),
        prefer=tuple(
            Prefer(
                p["lang"],
                p["avoid"],
                p["use"],
                tuple(p.get("fine", ())),
                p.get("scope", "guides"),
            )
            for p in data.get("prefer", [])
        ),
        jargon=tuple(jargon),
        together={
            lang: tuple(sorted(words, key=len, reverse=True))
            for lang, words in data.get("together", {}).items()
        },
    )


@cache
def default_glossary() -> Glossary:
    return read_glossary(glossary_path())


NBSP = "\u00a0"


def keep_together(text: str, lang: str, glossary: Glossary | None = None) -> str:
    """``text`` with the spaces inside the glossary's ``together`` words made non-breaking,
    so a label that wraps breaks between words, never inside one: Vietnamese writes a
    space between the syllables of a word ("Công an", "điện thoại"), which a line break
    there would tear apart ("Bộ Công / an")."""
    g = default_glossary() if glossary is None else glossary
    folded = " ".join(text.split()).casefold()
    for word in g.together.get(lang, ()):
        # Most words are in no given label: a plain look first, the pattern only if needed.
        if " ".join(word.split()).casefold() in folded:
            text = _together_pattern(word).sub(_join_with_nbsp, text)
    return text


@cache
def _together_pattern(word: str) -> re.Pattern[str]:
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, word.split())) + r"(?!\w)"
    return re.compile(pattern, re.IGNORECASE)


def _join_with_nbsp(m: re.Match[str]) -> str:
    return NBSP.join(m.group(0).split())


def avoided_terms(
    text: str, lang: str, glossary: Glossary | None = None, *, catalogs: bool = False
) -> list[Prefer]:
    """The glossary's ``[[prefer]]`` entries whose word to avoid ``text`` uses; with
    ``catalogs`` only the entries meant for the screens' and slips' words too."""
    g = default_glossary() if glossary is None else glossary
    found = []
    for p in g.prefer:
        if p.lang != lang or (catalogs and p.scope != "all"):
            continue
        rest = text
        for ok in p.fine:
            rest = _drop_word(rest, ok, fold=True)
        if _has_word(rest, p.avoid):
            found.append(p)
    return found


@dataclass(frozen=True)
class Finding:
    where: str
    message: str
    severity: str = "warning"


@dataclass
class Review:
    """What the rules found, and the "What is ...?" answers for each step and language."""

    findings: list[Finding] = field(default_factory=list)
    explain: list[dict[str, tuple[Explainer, ...]]] = field(default_factory=list)


def syllables(text: str) -> int:
    """Vietnamese syllables: the words between spaces that hold a letter or digit."""
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def actions_in(sentence: str, glossary: Glossary) -> list[str]:
    """The action verbs of one sentence, words in quotes and brackets left out."""
    rest = _BRACKETS.sub(" ", _unquoted(sentence)).lower()
    for phrase in glossary.not_actions:
        rest = _drop_word(rest, phrase.lower())
    found = []
    for verb in glossary.actions:  # longest first, so "đăng nhập" is one action
        if verb in rest:
            pattern = _word(verb)
            found += pattern.findall(rest)
            rest = pattern.sub(" ", rest)
    return found


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _prefer(text: str, lang: str, where: str, glossary: Glossary) -> list[Finding]:
    return [
        Finding(where, f"plain language: one term per thing: write {p.use} instead of “{p.avoid}”")
        for p in avoided_terms(text, lang, glossary)
    ]


def _unexplained(text: str, where: str, glossary: Glossary) -> list[Finding]:
    out = []
    for word in dict.fromkeys(m.group(1) for m in _ACRONYM.finditer(text)):
        if word in glossary.known or glossary.is_jargon(word):
            continue
        out.append(
            Finding(
                where,
                f"plain language: “{word}” may be new to the reader: write it plainly, or "
                "explain it in resources/i18n/glossary.toml",
            )
        )
    return out


def _quotes(text: str, lang: str, where: str, glossary: Glossary) -> list[Finding]:
    names: list[str] = []
    rest = _unquoted(text)
    for k in glossary.known:
        rest = _drop_word(rest, k)
    if lang == "vi":
        names = [m.group("word") for m in _VI_PRESS.finditer(rest) if m.group("word")[0].isupper()]
    else:  # a run of Vietnamese words outside quotes is a screen name
        run: list[str] = []
        for word in [*rest.split(), ""]:
            if word and _VI_LETTER.search(word):
                run.append(word.strip(".,;:!?()"))
            elif run:
                names.append(" ".join(run))
                run = []
    if not names:
        return []
    shown = ", ".join(f"“{n}”" for n in dict.fromkeys(names))
    return [Finding(where, f"plain language: put the button or menu name {shown} in quotes")]


def review(
    steps: Sequence[Mapping[str, Mapping[str, str]]],
    names_ui: Sequence[bool],
    other: Sequence[tuple[str, str, str]] = (),
    glossary: Glossary | None = None,
) -> Review:
    """Apply the rules to a guide.

    ``steps`` holds, per step, each language's ``text``/``tip``/``warning``;
    ``names_ui`` the steps' flags; ``other`` the guide's remaining texts as
    ``(where, lang, text)`` (title, problems...), checked for terms and jargon only.
    """
    g = default_glossary() if glossary is None else glossary
    out = Review()
    explained: dict[str, set[str]] = {}
    for n, texts in enumerate(steps, 1):
        where = f"steps[{n}]"
        vi = texts.get("vi", {})
        count = syllables(" ".join(vi.get(k, "") for k in ("text", "tip", "warning")))
        if count > SYLLABLES_MAX:
            out.findings.append(
                Finding(
                    f"{where}.vi",
                    f"plain language: {count} syllables on one screen with the tip and "
                    f"warning; at most {SYLLABLES_MAX}, aim for {SYLLABLES}: split the step",
                    "error",
                )
            )
        elif count > SYLLABLES:
            out.findings.append(
                Finding(
                    f"{where}.vi",
                    f"plain language: {count} syllables on one screen with the tip and "
                    f"warning; aim for at most {SYLLABLES}",
                )
            )
        for s in sentences(vi.get("text", "")):
            verbs = actions_in(s, g)
            if len(verbs) > 1:
                out.findings.append(
                    Finding(
                        f"{where}.vi.text",
                        f"plain language: one action per sentence; “{s}” asks for "
                        + ", ".join(f"“{v}”" for v in verbs),
                    )
                )
        quotes = any(_QUOTED.search(t.get("text", "")) for t in texts.values())
        flagged = n <= len(names_ui) and names_ui[n - 1]
        if quotes and not flagged:
            out.findings.append(
                Finding(
                    f"{where}.names_ui",
                    "missing: the step names a button or menu in quotes; add "
                    "names_ui = true so a field check looks at it first",
                )
            )
        elif flagged and not quotes:
            out.findings.append(
                Finding(
                    f"{where}.names_ui",
                    "is true but the step names no button or menu in quotes",
                )
            )
        step_explain: dict[str, tuple[Explainer, ...]] = {}
        for lang, t in texts.items():
            for key in ("text", "tip", "warning"):
                value = t.get(key, "")
                if not value:
                    continue
                field_where = f"{where}.{lang}.{key}"
                out.findings += _prefer(value, lang, field_where, g)
                out.findings += _unexplained(value, field_where, g)
                out.findings += _quotes(value, lang, field_where, g)
            seen = explained.setdefault(lang, set())
            words = " ".join(t.get(k, "") for k in ("text", "tip", "warning"))
            new = [j for j in g.jargon if j.term not in seen and j.used_in(words, lang)]
            seen.update(j.term for j in new)
            if new:
                step_explain[lang] = tuple(j.explainer(lang) for j in new)
        out.explain.append(step_explain)
    for where, lang, value in other:
        out.findings += _prefer(value, lang, where, g)
        out.findings += _unexplained(value, where, g)
    return out
