"""Broken and hostile guide packs, made from copies of the shipped ones.

``CASES`` are the packs named in the safety review (each with the file and words the
refusal must name); :func:`mutate` makes random damage to a shipped pack, the same for
the same seed. Used by the core tests (``guides check`` in a process with a time
budget) and the UI tests (the kiosk starting with them).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from kiosk.paths import resources_dir

SHIPPED = resources_dir() / "guides"
# Seconds one ``guides check`` may take before the test calls it a hang. A healthy run
# over two packs takes well under a second; the budget allows for a busy machine.
CHECK_BUDGET = 30.0


def shipped_ids() -> list[str]:
    return sorted(
        p.name for p in SHIPPED.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
    )


def copy_pack(guide_id: str, root: Path, name: str | None = None) -> Path:
    """A copy of a shipped pack under ``root``; renamed (id and folder) when ``name``."""
    folder = root / (name or guide_id)
    shutil.copytree(SHIPPED / guide_id, folder)
    if name and name != guide_id:
        edit_toml(folder, lambda d: d.__setitem__("id", name))
    return folder


def edit_toml(folder: Path, change: Callable[[dict], object]) -> None:
    """Change the parsed guide.toml and write it back with a real TOML writer."""
    path = folder / "guide.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), "utf-8")


def _prepend(folder: Path, line: str) -> None:
    path = folder / "guide.toml"
    path.write_text(line + "\n" + path.read_text("utf-8"), "utf-8")


def _replace_file(folder: Path, name: str, make: Callable[[Path], object]) -> None:
    path = folder / name
    path.unlink()
    make(path)


def _svg_insert(folder: Path, name: str, before: str, text: str) -> None:
    path = folder / name
    body = path.read_text("utf-8")
    assert before in body
    path.write_text(body.replace(before, text + before, 1), "utf-8")


def _vi_title(folder: Path, text: str) -> None:
    edit_toml(folder, lambda d: d["text"]["vi"].__setitem__("title", text))


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], object]
    file: str  # the file the refusal names
    says: str  # words the reason contains


DEEP = 100_000
CASES = (
    # 200 KB of brackets: over the size limit before any parser sees it.
    Case(
        "array-100000-deep",
        lambda f: _prepend(f, "deep = " + "[" * DEEP + "]" * DEEP),
        "guide.toml",
        "larger than",
    ),
    # Under the size limit: the nesting scan refuses it before the (recursive) parser.
    Case(
        "array-50000-deep",
        lambda f: _prepend(f, "deep = " + "[" * 50_000 + "]" * 50_000),
        "guide.toml",
        "nest more than",
    ),
    Case(
        "inline-tables-5000-deep",
        lambda f: _prepend(f, "deep = " + "{a = " * 5000 + "1" + "}" * 5000),
        "guide.toml",
        "nest more than",
    ),
    # tomllib takes minutes over a key of 60,000 dotted parts: refused before parsing.
    Case(
        "dotted-key-60000-parts",
        lambda f: _prepend(f, "x" + ".x" * 60_000 + " = 1"),
        "guide.toml",
        "dots outside quotes",
    ),
    Case(
        "toml-is-a-folder",
        lambda f: _replace_file(f, "guide.toml", lambda p: p.mkdir()),
        "guide.toml",
        "is a folder",
    ),
    Case(
        "toml-is-a-fifo",
        lambda f: _replace_file(f, "guide.toml", os.mkfifo),
        "guide.toml",
        "FIFO",
    ),
    Case(
        "toml-links-to-dev-zero",
        lambda f: _replace_file(f, "guide.toml", lambda p: p.symlink_to("/dev/zero")),
        "guide.toml",
        "is a link",
    ),
    Case(
        "toml-too-big",
        lambda f: (f / "guide.toml").write_text(
            (f / "guide.toml").read_text("utf-8") + "# " + "x" * 200_000 + "\n", "utf-8"
        ),
        "guide.toml",
        "larger than",
    ),
    Case(
        "svg-stylesheet-instruction",
        lambda f: _svg_insert(
            f, "step01.svg", "<svg", '<?xml-stylesheet href="https://example.com/a.css"?>\n'
        ),
        "step01.svg",
        "processing instructions",
    ),
    Case(
        "svg-40000-nested-groups",
        lambda f: _svg_insert(f, "step02.svg", "</svg>", "<g>" * 40_000 + "</g>" * 40_000),
        "step02.svg",
        "nest more than",
    ),
    Case(
        "svg-is-a-fifo",
        lambda f: _replace_file(f, "step01.svg", os.mkfifo),
        "step01.svg",
        "FIFO",
    ),
    Case(
        "svg-links-to-dev-zero",
        lambda f: _replace_file(f, "icon.svg", lambda p: p.symlink_to("/dev/zero")),
        "icon.svg",
        "is a link",
    ),
    Case("nul-in-title", lambda f: _vi_title(f, "Bước\x00một"), "guide.toml", "U+0000"),
    Case(
        "bidi-override-in-title",
        lambda f: _vi_title(f, "Bước \u202emột"),
        "guide.toml",
        "U+202E",
    ),
    Case(
        "order-ten-to-the-29",
        lambda f: edit_toml(f, lambda d: d.__setitem__("order", 10**29)),
        "guide.toml",
        "order",
    ),
)

# Bits of text that break files in interesting ways, for random damage.
NASTY = (
    "[" * 300,
    "{a=" * 300,
    "]",
    '"',
    "'''",
    '"""',
    "\\",
    "\x00",
    "\u202e",
    "\r",
    "= 1e999",
    "<g>" * 100,
    "<?pi x?>",
    "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    "&#0;",
    "&#x202E;",
    "\ufeff",
    "\n[[steps]]\n",
    "\n[text.zz]\n",
    "order = -1\n",
    "99999999999999999999999999",
)


def mutate(folder: Path, rng: random.Random) -> str:
    """Damage one file of the pack at random (1 to 3 changes); says what was done."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    target = rng.choice([folder / "guide.toml"] * 3 + files)
    data = bytearray(target.read_bytes())
    done = []
    for _ in range(rng.randint(1, 3)):
        op = rng.choice(("flip", "delete", "repeat", "insert", "truncate"))
        at = rng.randrange(len(data) + 1)
        if op == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] = rng.randrange(256)
        elif op == "delete":
            del data[at : at + rng.randint(1, 200)]
        elif op == "repeat":
            chunk = data[at : at + rng.randint(1, 80)]
            data[at:at] = chunk * rng.randint(2, 500)
        elif op == "insert":
            data[at:at] = rng.choice(NASTY).encode("utf-8")
        else:
            del data[at:]
        done.append(f"{op}@{at}")
    target.write_bytes(bytes(data))
    return f"{target.name}: {', '.join(done)}"


def run_check(root: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``literacy-kiosk guides check ROOT`` in its own process; a hang fails the test
    when the time budget runs out (subprocess.TimeoutExpired)."""
    return subprocess.run(
        [sys.executable, "-m", "ui.main", "guides", "check", str(root)],
        capture_output=True,
        text=True,
        timeout=CHECK_BUDGET,
        env={**os.environ, **(env or {})},
        cwd=Path(__file__).resolve().parent.parent,
    )
