"""Reading and checking a bundle, with bounded work before anything in it is trusted.

1. The ZIP file must hold exactly the four expected entries, each once, each a plain
   file under its plain name (no directories, links, paths or encryption).
2. The manifest and its signature are read with a small cap, and the signature is
   checked with the key registered for the kiosk the manifest names.
3. Only then is the manifest read for its sizes: each part is unpacked a piece at a
   time, never past the size the signed manifest declares, with a cap on the length of
   a line, its SHA-256 worked out on the way and compared at the end.
4. Every record is checked against the schema (:mod:`kiosk.export.schema`).

Whatever is wrong with a file, damaged or crafted, the result is a :class:`BundleError`
with a code and a plain reason, never another kind of error.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import uuid
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, NoReturn

import orjson
from nacl.exceptions import BadSignatureError

from kiosk.export import schema
from kiosk.export.keys import BadKey, fingerprint, unb64, verify_key
from kiosk.export.parts import (
    CSV,
    DEMO_REFUSED,
    JSONL,
    MANIFEST,
    MEMBERS,
    PARTS,
    SIGNATURE,
    BundleError,
    paused_gc,
)

MAX_MANIFEST = 64 * 1024  # a real manifest is about 3 KiB
MAX_SIGNATURE = 256  # base64 of 64 bytes is 88 characters
MAX_LINE = 1 << 20  # a record line (or CSV row); the schema's limits keep one far below
MAX_PART = 1 << 30  # what a part may declare it unpacks to
_PIECE = 1 << 20


@dataclass
class _About:
    manifest: dict[str, Any]

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    @property
    def kiosk_id(self) -> str:
        return str(self.manifest["kiosk_id"])

    @property
    def visit_count(self) -> int:
        return int(self.manifest["counts"]["visits"])


@dataclass
class CheckedBundle(_About):
    records: list[dict[str, Any]]
    sha256: str


def _changed(name: str) -> BundleError:
    return BundleError(
        "checksum_mismatch",
        f"The part {name} does not match its checksum "
        "in the manifest: it was changed or damaged. Nothing was imported.",
        part=name,
    )


def _not_a_bundle(why: str) -> BundleError:
    return BundleError("not_a_bundle", f"This file is not a session-log bundle ({why}).")


def _entries(data: bytes) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """The ZIP file and its entries by name, if it holds exactly the four expected
    entries, each a plain file; else :class:`BundleError`."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    # A damaged ZIP file raises errors of many types from the zipfile module (BadZipFile,
    # ValueError, struct.error, EOFError, NotImplementedError...): each means the same.
    except Exception as exc:
        raise _not_a_bundle("not a readable ZIP file") from exc
    names = [i.filename for i in infos]
    if len(names) != len(set(names)):
        raise _not_a_bundle("it holds the same entry more than once")
    if set(names) != MEMBERS:
        shown = sorted(repr(n)[1:-1][:40] for n in names[:8])
        raise _not_a_bundle(f"its entries are {shown}, expected {sorted(MEMBERS)}")
    for info in infos:
        kind = stat.S_IFMT(info.external_attr >> 16)
        if info.is_dir() or kind not in (0, stat.S_IFREG) or info.orig_filename != info.filename:
            raise _not_a_bundle(f"{info.filename} is not a plain file")
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise _not_a_bundle(f"{info.filename} is encrypted or packed in an unknown way")
    return z, {i.filename: i for i in infos}


def _read_small(z: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, code: str) -> bytes:
    """A small entry unpacked, never more than ``cap`` bytes of it."""
    what = "manifest" if code == "bad_manifest" else "signature"
    if info.file_size > cap:
        raise BundleError(code, f"The bundle's {what} is larger than any real one.")
    try:
        with z.open(info) as fh:
            raw = fh.read(cap + 1)
    except Exception as exc:  # damaged: zlib.error, BadZipFile (CRC), EOFError...
        raise BundleError(code, f"The bundle's {what} is damaged.") from exc
    if len(raw) > cap:
        raise BundleError(code, f"The bundle's {what} is larger than any real one.")
    return raw


def _pieces(data: bytes, name: str, info: Any, sep: bytes) -> Iterator[list[bytes]]:
    """A part of the bundle unpacked a piece at a time, as lists of whole ``sep``-ended
    lines (the last one may lack it), so a large part is never held whole. Never more is
    unpacked than the manifest declares (``info``: its ``bytes`` and ``sha256``); a line
    longer than :data:`MAX_LINE` is refused as soon as it is seen. Size and SHA-256 are
    worked out on the way and compared at the end: :class:`BundleError` if they differ or
    the part cannot be unpacked."""
    if not isinstance(info, dict):
        raise _changed(name)
    declared = info.get("bytes")
    digest, size, rest = hashlib.sha256(), 0, b""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            entry = z.getinfo(name)
            if entry.file_size != declared:
                raise _changed(name)
            # The ZIP reader stops at the entry's size, which is the declared one.
            with z.open(entry) as fh:
                while piece := fh.read(_PIECE):
                    digest.update(piece)
                    size += len(piece)
                    lines = (rest + piece).split(sep) if rest else piece.split(sep)
                    rest = lines.pop()
                    if len(rest) > MAX_LINE:
                        raise BundleError(
                            "schema_error",
                            f"{name} has a line longer than {MAX_LINE} bytes; "
                            "no real record is that long.",
                        )
                    if lines:
                        yield lines
    except BundleError:
        raise
    except Exception as exc:  # damaged: zlib.error, BadZipFile (CRC), EOFError...
        raise _changed(name) from exc
    if rest:
        yield [rest]
    if declared != size or info.get("sha256") != digest.hexdigest():
        raise _changed(name)


def _csv_rows(data: bytes, info: Any) -> int:
    """Rows in the CSV part without the header, counted a piece at a time while its
    checksum is checked."""
    counter = schema.CsvRowCounter()
    for pieces in _pieces(data, CSV, info, b"\r\n"):
        counter.feed(pieces)
    return counter.rows


def _check_csv(data: bytes, info: Any, expected: int) -> BundleError | None:
    try:
        rows = _csv_rows(data, info)
    except BundleError as exc:
        return exc
    if rows != expected:
        return BundleError(
            "count_mismatch",
            "The CSV holds a different number of visits from the manifest's count.",
        )
    return None


class _Seen:
    """The visits of a bundle read so far: each from the bundle's kiosk, none twice, as
    many as the manifest says."""

    def __init__(self, kiosk_id: str) -> None:
        self.kiosk_id = kiosk_id
        self.ids: set[int] = set()

    def add(self, line: int, kiosk_id: str, visit_id: int) -> None:
        if kiosk_id != self.kiosk_id:
            raise BundleError("schema_error", f"{JSONL} line {line} belongs to another kiosk.")
        if visit_id in self.ids:
            raise BundleError("schema_error", "The same visit appears twice in the bundle.")
        self.ids.add(visit_id)

    def finish(self, expected: int) -> None:
        if len(self.ids) != expected:
            raise BundleError(
                "count_mismatch", "The number of visits differs from the manifest's count."
            )


@dataclass
class VerifiedBundle(_About):
    """A bundle whose signature is right, read for checking its records one by one as
    :meth:`checked` (or :meth:`records`) reads them. The JSON lines are unpacked a piece
    at a time and their checksum worked out on the way; the CSV part's checksum and row
    count are checked alongside in a thread of their own. :meth:`checked` raises
    :class:`BundleError` for any of them before it ends, or at the first record at
    fault: whoever stores the records as they come must then undo what it stored."""

    data: bytes
    sha256: str
    csv_check: Future[BundleError | None]

    def csv_ok(self) -> None:
        """Wait for the CSV part's checksum and row count; raise if one is wrong."""
        problem = self.csv_check.result()
        if problem is not None:
            raise problem

    def lines(self) -> Iterator[bytes]:
        """The JSON lines; :class:`BundleError` at the end if the part was changed."""
        for lines in _pieces(self.data, JSONL, self.manifest["parts"].get(JSONL), b"\n"):
            yield from lines

    def records(self) -> Iterator[dict[str, Any]]:
        for rec, _values, _line in self.checked():
            yield rec

    def checked(self) -> Iterator[tuple[dict[str, Any], tuple[Any, ...], bytes]]:
        """Each record, its values in the order of :data:`schema.FIELD_NAMES` and its JSON
        line, once checked."""
        return self._to_the_end(self._checked)

    def rows(self, null: str | None = None) -> Iterator[tuple[bool, tuple[Any, ...]]]:
        """Each record's values once checked, in the order of :data:`schema.FIELD_NAMES`:
        ``(True, texts)`` for a line in the plain form (see :func:`schema.plain_values`;
        ``null`` stands for null there), else ``(False, values)`` as parsed. Quicker than
        :meth:`checked`, for whoever writes the records out as text."""
        return self._to_the_end(lambda lines: self._rows(lines, null))

    def _to_the_end(self, read: Callable[[Iterator[bytes]], Iterator[Any]]) -> Iterator[Any]:
        """What ``read`` makes of the JSON lines; then the parts' own checks. A changed
        part explains any other problem, so it is the one reported."""
        lines = self.lines()
        try:
            yield from read(lines)
        except BundleError as exc:
            if exc.code != "checksum_mismatch":
                for _ in lines:
                    pass
                self.csv_ok()
            raise
        self.csv_ok()

    def _checked(
        self,
        lines: Iterator[bytes],
    ) -> Iterator[tuple[dict[str, Any], tuple[Any, ...], bytes]]:
        seen = _Seen(self.kiosk_id)
        plain, loads, check = schema.plain_values, self._loads, self._check_line
        for n, line in enumerate(lines, 1):
            # A line in the plain form is checked whole by one regular expression (and
            # then holds its fields in schema order); any other is checked field by field.
            try:
                is_plain = plain(line.decode("utf-8")) is not None
            except UnicodeDecodeError:
                is_plain = False
            if is_plain:
                rec = loads(line)
                values = tuple(rec.values())
            else:
                rec, values = check(n, line)
            seen.add(n, values[1], values[0])
            yield rec, values, line
        seen.finish(self.visit_count)

    def _rows(
        self,
        lines: Iterator[bytes],
        null: str | None,
    ) -> Iterator[tuple[bool, tuple[Any, ...]]]:
        seen = _Seen(self.kiosk_id)
        plain, check = schema.plain_values, self._check_line
        for n, line in enumerate(lines, 1):
            try:
                texts = plain(line.decode("utf-8"), null)
            except UnicodeDecodeError:
                texts = None
            if texts is not None:
                visit_id, kiosk_id = texts[0], texts[1]
                assert visit_id is not None and kiosk_id is not None, "required in a valid record"
                seen.add(n, kiosk_id, int(visit_id))
                yield True, texts
            else:
                values = check(n, line)[1]
                seen.add(n, values[1], values[0])
                yield False, values
        seen.finish(self.visit_count)

    _loads = staticmethod(orjson.loads)
    _values = staticmethod(schema.RecordChecker().values)

    def _check_line(self, n: int, line: bytes) -> tuple[dict[str, Any], tuple[Any, ...]]:
        """Line ``n`` parsed and checked: the record and its values."""
        try:
            rec = self._loads(line)
        except orjson.JSONDecodeError as exc:
            raise BundleError("schema_error", f"{JSONL} line {n} is not valid JSON.") from exc
        values = self._values(rec)
        if values is None:
            self._refuse(n, rec)
        return rec, values

    @staticmethod
    def _refuse(line: int, rec: Any) -> NoReturn:
        """Raise the schema error :func:`schema.check_record` finds in ``rec``."""
        try:
            schema.check_record(rec, line)
        except schema.SchemaError as exc:
            raise BundleError("schema_error", f"{JSONL} {exc}.") from exc
        raise BundleError("schema_error", f"{JSONL} line {line} does not follow the schema.")


def read_manifest(data: bytes) -> tuple[zipfile.ZipFile, dict[str, Any], bytes]:
    """Open the ZIP, check its entries and parse its manifest (read with a small cap;
    not yet trusted)."""
    z, infos = _entries(data)
    raw = _read_small(z, infos[MANIFEST], MAX_MANIFEST, "bad_manifest")
    try:
        manifest = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise BundleError("bad_manifest", "The manifest is not valid JSON.") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != schema.FORMAT:
        raise BundleError("bad_manifest", "The manifest does not describe a session log.")
    if manifest.get("schema_version") != schema.SCHEMA_VERSION:
        raise BundleError(
            "unsupported_schema",
            "The bundle uses schema version "
            f"{str(manifest.get('schema_version'))[:20]!r}; this collector reads version "
            f"{schema.SCHEMA_VERSION}. Update the collector.",
        )
    for key in ("bundle_id", "kiosk_id", "kiosk_public_key", "parts", "counts"):
        if key not in manifest:
            raise BundleError("bad_manifest", f"The manifest has no {key!r}.")
    if not schema.is_code(manifest["kiosk_id"]):
        raise BundleError("bad_manifest", "The manifest's kiosk id is not valid.")
    from kiosk.demo import is_demo_kiosk

    if is_demo_kiosk(manifest["kiosk_id"]):
        raise BundleError("demo", DEMO_REFUSED)
    try:
        uuid.UUID(str(manifest["bundle_id"]))
    except ValueError as exc:
        raise BundleError("bad_manifest", "The manifest's bundle id is not valid.") from exc
    return z, manifest, raw


def open_bundle(data: bytes, registered_key: Callable[[str], str | None]) -> CheckedBundle:
    """Check a bundle completely and return its records; raise :class:`BundleError`.

    ``registered_key(kiosk_id)`` gives the public key registered for a kiosk, or None.
    """
    verified = verify_bundle(data, registered_key)
    with paused_gc():
        return CheckedBundle(verified.manifest, list(verified.records()), verified.sha256)


def verify_bundle(data: bytes, registered_key: Callable[[str], str | None]) -> VerifiedBundle:
    """Check a bundle's entries, signature and manifest; raise :class:`BundleError`. The
    parts and the records are checked as the records are read from the result."""
    z, manifest, raw = read_manifest(data)
    kiosk_id = str(manifest["kiosk_id"])
    claimed = manifest["kiosk_public_key"]
    sig = _read_small(z, z.getinfo(SIGNATURE), MAX_SIGNATURE, "bad_signature")
    try:
        signature = unb64(sig.decode("ascii", "replace"), 64, "signature")
    except BadKey as exc:
        raise BundleError("bad_signature", "The bundle's signature is damaged.") from exc
    known = registered_key(kiosk_id)
    key_text = known or (claimed if isinstance(claimed, str) else "")
    try:
        verify_key(key_text).verify(raw, signature)
    except (BadSignatureError, BadKey) as exc:
        why = (
            "was not made by the kiosk registered as"
            if known
            else "does not match its own key; it claims to come from"
        )
        raise BundleError(
            "bad_signature",
            f"The bundle's signature {why} {kiosk_id!r}: "
            "it was changed or forged. Nothing was imported.",
        ) from exc
    if known is None:
        raise BundleError(
            "unknown_kiosk",
            f"The kiosk {kiosk_id!r} is not registered with "
            "this collector. Check its key fingerprint "
            f"{fingerprint(key_text)} and register it first.",
            kiosk_id=kiosk_id,
            public_key=key_text,
            fingerprint=fingerprint(key_text),
        )
    # Signed by the kiosk: now its content is read, and checked all the same.
    problem = schema.manifest_problem(manifest, max_part=MAX_PART)
    if problem is not None:
        raise BundleError("bad_manifest", f"The manifest {problem}.")
    expected = manifest["counts"]["visits"]
    for name in PARTS:
        if z.getinfo(name).file_size != manifest["parts"][name]["bytes"]:
            raise _changed(name)
    # The CSV part is checked in a thread of its own (mostly outside the interpreter
    # lock) while the records are read.
    pool = ThreadPoolExecutor(1)
    csv_check = pool.submit(_check_csv, data, manifest["parts"][CSV], expected)
    pool.shutdown(wait=False)
    return VerifiedBundle(manifest, data, hashlib.sha256(data).hexdigest(), csv_check)
