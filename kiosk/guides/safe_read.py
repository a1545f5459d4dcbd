"""Reading a guide pack without trusting it.

A pack arrives on a USB stick or from a volunteer's laptop; whatever is in it, reading it
must end quickly with either data or a plain reason. So: only regular files are opened
(never a folder, a FIFO that would wait for a writer for ever, a device such as
``/dev/zero``, or a link, which could point at any of those), each with a bounded read;
a TOML file's nesting is measured by a cheap scan before the parser sees it (Python's
TOML parser recurses, so a 100,000-deep array would overflow the stack); the parsed
data is walked without recursion to count its values; text may hold no control or
text-direction override characters; numbers must be sensible.

Each problem is a ``(field, message)`` pair, as in the rest of the validator.
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from kiosk.textcheck import bad_char, char_name

MAX_TOML_BYTES = 128 * 1024  # the longest shipped guide.toml is about 11 KB
MAX_TOML_DEPTH = 8  # a guide nests 3 deep ([[steps]] > vi > text)
MAX_TOML_VALUES = 5000  # every key, table, list and item counted
MAX_TOML_DOTS = 32  # dots outside text on one line (a guide's keys have at most 2)
MAX_PACKS = 200  # guide folders read from one folder of guides
MAX_ORDER = 9999

Problems = list[tuple[str, str]]


class Unreadable(Exception):
    """A file the kiosk will not read, with the reason in words."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, which must be a regular file (not a link) of at most
    ``limit`` bytes. Never blocks on a pipe and never reads more than ``limit + 1``
    bytes, whatever the file claims to be."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror})") from exc
    if stat.S_ISLNK(st.st_mode):
        raise Unreadable("is a link; put the file itself in the guide's folder")
    if not stat.S_ISREG(st.st_mode):
        raise Unreadable(f"is {_kind(st.st_mode)}, not a file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror})") from exc
    try:
        st = os.fstat(fd)  # what was opened, in case the file was swapped meanwhile
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable(f"is {_kind(st.st_mode)}, not a file")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror})") from exc
    finally:
        os.close(fd)
    if size > limit:
        raise Unreadable(f"is larger than {limit // 1024} KB, the most a guide file may be")
    return b"".join(chunks)


def toml_depth(text: str, limit: int) -> int | None:
    """The line where brackets (``[`` and ``{``) outside strings and comments first nest
    deeper than ``limit``, or None."""
    found = scan_toml(text, limit, max_dots=len(text) + 1)
    return found[0] if found else None


def scan_toml(text: str, max_depth: int, max_dots: int = MAX_TOML_DOTS) -> tuple[int, str] | None:
    """The first line that nests brackets (``[`` and ``{``) deeper than ``max_depth``
    (``"nesting"``), or holds more than ``max_dots`` dots outside text (``"dots"``: a
    dotted key of thousands of parts takes the TOML parser minutes), or None. One pass,
    no recursion; strings and comments are skipped as TOML defines them, so brackets and
    dots inside text are not counted."""
    depth, line, dots, i, n = 0, 1, 0, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            dots = 0
        elif c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        elif c in "\"'":
            i, line = _skip_string(text, i, line)
            continue
        elif c == ".":
            dots += 1
            if dots > max_dots:
                return line, "dots"
        elif c in "[{":
            depth += 1
            if depth > max_depth:
                return line, "nesting"
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return None


def _skip_string(text: str, i: int, line: int) -> tuple[int, int]:
    """The index just after the string starting at ``i``, and the line there."""
    quote = text[i]
    n = len(text)
    if text.startswith(quote * 3, i):
        i += 3
        while i < n:
            c = text[i]
            if c == "\\" and quote == '"':
                i += 2
                continue
            if c == "\n":
                line += 1
            if text.startswith(quote * 3, i):
                i += 3
                # A closing delimiter may be followed by up to two quotes of the content.
                for _ in range(2):
                    if i < n and text[i] == quote:
                        i += 1
                return i, line
            i += 1
        return n, line
    i += 1
    while i < n:
        c = text[i]
        if c == "\\" and quote == '"':
            i += 2
            continue
        if c == quote:
            return i + 1, line
        if c == "\n":  # a one-line string cannot go on; the parser will say so
            return i, line
        i += 1
    return n, line


def count_values(data: Any, limit: int) -> bool:
    """Whether ``data`` (parsed TOML) holds at most ``limit`` keys, tables and items."""
    count, stack = 0, [data]
    while stack:
        item = stack.pop()
        count += 1
        if count > limit:
            return False
        if isinstance(item, dict):
            count += len(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return True


def load_toml(path: Path) -> tuple[dict[str, Any] | None, Problems]:
    """The parsed ``guide.toml`` at ``path``, or None and the reasons it was refused.
    A missing file raises FileNotFoundError (the caller words that one)."""
    try:
        raw = read_regular(path, MAX_TOML_BYTES)
    except Unreadable as exc:
        return None, [("file", str(exc))]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, [("file", "is not UTF-8 text; save it as UTF-8")]
    found = scan_toml(text, MAX_TOML_DEPTH)
    if found is not None:
        line, what = found
        if what == "dots":
            message = (
                f"has more than {MAX_TOML_DOTS} dots outside quotes on one line; "
                "a guide's keys have at most 2 (steps.vi.text)"
            )
        else:
            message = f"lists or tables nest more than {MAX_TOML_DEPTH} deep; a guide needs 3"
        return None, [(f"line {line}", message)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [("file", f"is not valid TOML: {exc}")]
    except RecursionError:  # the scan above should make this impossible
        return None, [("file", "nests too deep to read")]
    if not count_values(data, MAX_TOML_VALUES):
        return None, [
            ("file", f"holds more than {MAX_TOML_VALUES} values; a guide needs far fewer")
        ]
    return data, []


def text_problems(value: str) -> list[str]:
    """What is wrong with one text of a guide (title, step, tip...) beyond its length."""
    ch = bad_char(value)
    if ch is None:
        return []
    return [
        f"contains {char_name(ch)}: control and text-direction override characters "
        "are not allowed in guide text; retype the text without it"
    ]


def order_problem(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_ORDER:
        return f"must be a whole number from 0 to {MAX_ORDER} (the place on the home screen)"
    return None
