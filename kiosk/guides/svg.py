"""Checks that a drawing is a safe, simple SVG the kiosk can show.

Allowed: a well-formed SVG document whose root is ``<svg>`` with the expected ``viewBox``
(``0 0 400 300`` for a step, ``0 0 100 100`` for an icon) and no width or height, made of
basic shapes and text in Noto Sans at 14 units or more, coloured by attributes. Refused:
pictures embedded in the drawing, scripts, embedded web content, links to other files or
addresses, style sheets, document type declarations (they can expand entities), and
anything else outside the short list below. The rules are those of
``resources/guides/README.md``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from pathlib import Path
from xml.parsers import expat

from kiosk.textcheck import bad_char, char_name

SVG_NS = "http://www.w3.org/2000/svg"
ALLOWED = frozenset(
    {
        "svg",
        "g",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "path",
        "text",
    }
)
VIEWBOXES = {"step": (0.0, 0.0, 400.0, 300.0), "icon": (0.0, 0.0, 100.0, 100.0)}
FONT = "Noto Sans, sans-serif"
MIN_FONT_SIZE = 14.0
FORBIDDEN = {
    "image": "pictures may not contain photos or other image files; draw with shapes",
    "script": "pictures may not contain scripts",
    "foreignObject": "pictures may not contain web content (foreignObject)",
    "use": "pictures may not reuse parts by reference (use); draw each shape",
    "style": "pictures may not contain style sheets; use attributes such as fill",
    "a": "pictures may not contain links",
    "filter": "pictures may not use filters",
}
MAX_BYTES = 512 * 1024
# Qt's SVG renderer draws nothing below 32 nested elements; stay well inside that.
MAX_DEPTH = 16
MAX_ELEMENTS = 4000
MAX_PROBLEMS = 30  # then stop reading: the author has enough to fix
# Coordinates far outside the 400 x 300 drawing are a mistake (or an attack on the renderer).
MAX_COORDINATE = 100_000.0
NUMERIC_ATTRS = frozenset(
    {
        "x",
        "y",
        "x1",
        "y1",
        "x2",
        "y2",
        "cx",
        "cy",
        "r",
        "rx",
        "ry",
        "width",
        "height",
        "font-size",
        "stroke-width",
        "points",
        "d",
        "transform",
        "dx",
        "dy",
    }
)
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_VIEWBOX = re.compile(rf"^\s*({_NUMBER})[\s,]+({_NUMBER})[\s,]+({_NUMBER})[\s,]+({_NUMBER})\s*$")
_NUMBER_IN = re.compile(_NUMBER)
_EXTERNAL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


def check_svg(path: Path, kind: str = "step") -> list[tuple[str, str]]:
    """Every problem in the drawing at ``path`` as (field, message) pairs; [] when fine."""
    from kiosk.guides.safe_read import Unreadable, read_regular

    try:
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        return [("file", "not found")]
    except Unreadable as exc:
        return [("file", str(exc))]
    return CHECKED.check(data, kind)


class CheckCache:
    """The results of checking drawings, by their exact content (SHA-256), kept in the
    data folder so the kiosk does not re-check unchanged drawings at every start. A
    drawing whose bytes changed in any way is checked again."""

    VERSION = 2  # 2: nesting, processing instructions, hidden characters, huge numbers

    def __init__(self) -> None:
        self._results: dict[str, list[list[str]]] | None = None
        self._dirty = False

    @staticmethod
    def path() -> Path:
        from kiosk.paths import data_dir

        return data_dir() / "cache" / "drawing-checks.json"

    def _load(self) -> dict[str, list[list[str]]]:
        if self._results is None:
            self._results = {}
            with contextlib.suppress(OSError, ValueError):
                saved = json.loads(self.path().read_text("utf-8"))
                if saved.get("version") == self.VERSION and isinstance(saved.get("checks"), dict):
                    self._results = saved["checks"]
        return self._results

    def check(self, data: bytes, kind: str) -> list[tuple[str, str]]:
        key = f"{kind}:{hashlib.sha256(data).hexdigest()}"
        results = self._load()
        found = results.get(key)
        if found is None:
            problems = check_svg_bytes(data, kind)
            results[key] = [list(p) for p in problems]
            self._dirty = True
            return problems
        return [(str(f), str(m)) for f, m in found]

    def save(self) -> None:
        """Write the results down (atomically); a read-only data folder is no problem."""
        if not self._dirty or self._results is None:
            return
        path = self.path()
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"version": self.VERSION, "checks": self._results}), "utf-8")
            os.replace(tmp, path)
            self._dirty = False

    def forget(self) -> None:
        """Drop what is held in memory (the next check reads the file again)."""
        self._results, self._dirty = None, False


CHECKED = CheckCache()


class _Stop(Exception):
    """Raised inside the parser's callbacks to stop reading a hopeless drawing."""


def _absurd(value: str) -> bool:
    """Whether any number in an attribute is far beyond the drawing (or not finite)."""
    for m in _NUMBER_IN.finditer(value):
        try:
            if not abs(float(m.group())) <= MAX_COORDINATE:
                return True
        except ValueError:  # pragma: no cover - the pattern only matches numbers
            return True
    return False


def _box_text(box: tuple[float, ...]) -> str:
    return " ".join(f"{v:g}" for v in box)


def check_svg_bytes(data: bytes, kind: str = "step") -> list[tuple[str, str]]:
    """Every problem of an SVG ``kind`` ("step" or "icon") drawing; [] when fine."""
    problems: list[tuple[str, str]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    state = {"root": True, "depth": 0, "elements": 0}

    def stop(field: str, message: str) -> None:
        problems.append((field, message))
        raise _Stop  # out of the parser: nothing after this would change the verdict

    def where() -> str:
        return f"line {parser.CurrentLineNumber}"

    def doctype(*_args: object) -> None:
        problems.append((where(), "a document type declaration (<!DOCTYPE>) is not allowed"))

    def entity(*_args: object) -> None:
        problems.append((where(), "entity declarations (<!ENTITY>) are not allowed"))

    def instruction(target: str, _data: str) -> None:
        problems.append(
            (where(), f"processing instructions (<?{target} ...?>) are not allowed in drawings")
        )

    def text(data: str) -> None:
        if (ch := bad_char(data, allow="\t\n\r")) is not None:
            problems.append((where(), f"the text contains {char_name(ch)}, which is not allowed"))

    def end(_tag: str) -> None:
        state["depth"] -= 1

    def start(tag: str, attrs: dict[str, str]) -> None:
        ns, _, local = tag.rpartition(" ")
        field = f"<{local}> ({where()})"
        state["depth"] += 1
        state["elements"] += 1
        if state["depth"] > MAX_DEPTH:
            stop(field, f"elements nest more than {MAX_DEPTH} deep; the kiosk could not draw it")
            return
        if state["elements"] > MAX_ELEMENTS:
            stop(field, f"more than {MAX_ELEMENTS} elements; draw it with fewer shapes")
            return
        if len(problems) >= MAX_PROBLEMS:
            stop(field, "and more problems; fix these first")
            return
        if state["root"]:
            state["root"] = False
            if local != "svg":
                problems.append((field, "the drawing must start with <svg>"))
            elif ns != SVG_NS:
                problems.append((field, f'<svg> needs xmlns="{SVG_NS}"'))
            box = attrs.get("viewBox")
            if local == "svg":
                want = VIEWBOXES[kind]
                m = _VIEWBOX.match(box or "")
                if box is None:
                    problems.append((field, f'needs viewBox="{_box_text(want)}"'))
                elif not m or tuple(float(v) for v in m.groups()) != want:
                    what = "an icon" if kind == "icon" else "a step drawing"
                    problems.append(
                        (field, f'viewBox {box!r} must be "{_box_text(want)}" for {what}')
                    )
                for attr in ("width", "height"):
                    if attr in attrs:
                        problems.append((field, f"no {attr} on <svg>; the viewBox is enough"))
        if local == "text":
            if attrs.get("font-family") != FONT:
                problems.append((field, f'text needs font-family="{FONT}"'))
            try:
                size = float(attrs.get("font-size", "0").removesuffix("px"))
            except ValueError:
                size = 0.0
            if size < MIN_FONT_SIZE:
                problems.append(
                    (
                        field,
                        f"text needs font-size of at least {MIN_FONT_SIZE:g}, so it can be read",
                    )
                )
        if ns and ns != SVG_NS:
            problems.append((field, "only SVG elements are allowed"))
        elif local in FORBIDDEN:
            problems.append((field, FORBIDDEN[local]))
        elif local not in ALLOWED:
            problems.append(
                (field, "not an allowed element; use only " + ", ".join(sorted(ALLOWED)))
            )
        for key, value in attrs.items():
            attr = key.rpartition(" ")[2]
            if attr == "href":
                problems.append(
                    (
                        field,
                        f"links to {value!r}; drawings may not refer to other files or addresses",
                    )
                )
            elif attr == "style":
                problems.append(
                    (
                        field,
                        "the style attribute is not allowed; give colours "
                        'as attributes, e.g. fill="#0b57d0"',
                    )
                )
            elif attr.lower().startswith("on"):
                problems.append((field, f"the {attr} attribute (a script) is not allowed"))
            elif _EXTERNAL.search(value) or "javascript:" in value.lower():
                problems.append((field, f"the {attr} attribute refers outside the drawing"))
            elif (ch := bad_char(value)) is not None:
                problems.append((field, f"the {attr} attribute contains {char_name(ch)}"))
            elif attr in NUMERIC_ATTRS and _absurd(value):
                problems.append(
                    (field, f"the {attr} attribute has a number far outside the drawing")
                )

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.ProcessingInstructionHandler = instruction
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except _Stop:
        return problems
    except expat.ExpatError as exc:
        problems.append(
            (
                f"line {exc.lineno}",
                f"not well-formed XML ({expat.ErrorString(exc.code)}, column {exc.offset + 1})",
            )
        )
    if state["root"] and not problems:
        problems.append(("file", "is empty"))
    return problems
