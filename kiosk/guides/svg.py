"""Checks that a drawing is a safe, simple SVG the kiosk can show.

Allowed: a well-formed SVG document whose root is ``<svg>`` with a ``viewBox``, made of
basic shapes and text. Refused: pictures embedded in the drawing, scripts, embedded web
content, links to other files or addresses, document type declarations (they can expand
entities), and anything else outside the short list below.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
ALLOWED = frozenset({
    "svg", "g", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path",
    "text", "tspan", "title", "desc",
})
FORBIDDEN = {
    "image": "pictures may not contain photos or other image files; draw with shapes",
    "script": "pictures may not contain scripts",
    "foreignObject": "pictures may not contain web content (foreignObject)",
    "use": "pictures may not reuse parts by reference (use); draw each shape",
    "style": "pictures may not contain style sheets; use attributes such as fill",
    "a": "pictures may not contain links",
}
MAX_BYTES = 512 * 1024
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_VIEWBOX = re.compile(rf"^\s*({_NUMBER})[\s,]+({_NUMBER})[\s,]+({_NUMBER})[\s,]+({_NUMBER})\s*$")
_EXTERNAL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


def check_svg(path: Path) -> list[tuple[str, str]]:
    """Every problem in the drawing at ``path`` as (field, message) pairs; [] when fine."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return [("file", "not found")]
    except OSError as exc:
        return [("file", f"cannot be read ({exc.strerror})")]
    if len(data) > MAX_BYTES:
        return [("file", f"is {len(data) // 1024} KB; a drawing may be at most "
                         f"{MAX_BYTES // 1024} KB")]
    return check_svg_bytes(data)


def check_svg_bytes(data: bytes) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    parser = expat.ParserCreate(namespace_separator=" ")
    state = {"root": True}

    def where() -> str:
        return f"line {parser.CurrentLineNumber}"

    def doctype(*_args: object) -> None:
        problems.append((where(), "a document type declaration (<!DOCTYPE>) is not allowed"))

    def entity(*_args: object) -> None:
        problems.append((where(), "entity declarations (<!ENTITY>) are not allowed"))

    def start(tag: str, attrs: dict[str, str]) -> None:
        ns, _, local = tag.rpartition(" ")
        field = f"<{local}> ({where()})"
        if state["root"]:
            state["root"] = False
            if local != "svg":
                problems.append((field, "the drawing must start with <svg>"))
            elif ns != SVG_NS:
                problems.append((field, f'<svg> needs xmlns="{SVG_NS}"'))
            box = attrs.get("viewBox")
            if local == "svg":
                m = _VIEWBOX.match(box or "")
                if box is None:
                    problems.append((field, "needs a viewBox, e.g. viewBox=\"0 0 400 300\""))
                elif not m or float(m.group(3)) <= 0 or float(m.group(4)) <= 0:
                    problems.append((field, f"viewBox {box!r} must be four numbers with a "
                                            "positive width and height"))
        if ns and ns != SVG_NS:
            problems.append((field, "only SVG elements are allowed"))
        elif local in FORBIDDEN:
            problems.append((field, FORBIDDEN[local]))
        elif local not in ALLOWED:
            problems.append((field, "not an allowed element; use only "
                                    + ", ".join(sorted(ALLOWED))))
        for key, value in attrs.items():
            attr = key.rpartition(" ")[2]
            if attr == "href":
                problems.append((field, f"links to {value!r}; drawings may not refer to "
                                        "other files or addresses"))
            elif attr.lower().startswith("on"):
                problems.append((field, f"the {attr} attribute (a script) is not allowed"))
            elif _EXTERNAL.search(value) or "javascript:" in value.lower():
                problems.append((field, f"the {attr} attribute refers outside the drawing"))

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        problems.append((f"line {exc.lineno}",
                         f"not well-formed XML ({expat.ErrorString(exc.code)}, column "
                         f"{exc.offset + 1})"))
    if state["root"] and not problems:
        problems.append(("file", "is empty"))
    return problems
