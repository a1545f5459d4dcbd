"""Packing a bundle: its parts are deflated a piece at a time in a thread of their own
while they are being made (compression, CRC-32 and SHA-256 run outside the interpreter
lock, on another core), then the ZIP file is put together from the finished parts.

The ZIP file is the plain kind every unzip tool reads: DEFLATE, sizes and checksums in
the local headers, a central directory, no ZIP64 (a bundle's parts stay far below 4 GiB;
a larger one is refused).
"""

from __future__ import annotations

import hashlib
import struct
import threading
import zlib
from dataclasses import dataclass, field
from queue import Queue

LEVEL = 1  # fast: a bundle is written while the coordinator waits
_LIMIT = 0xFFFFFFFF


@dataclass
class Packed:
    """One part, deflated, with what the ZIP file and the manifest say about it."""

    chunks: list[bytes] = field(default_factory=list)
    crc: int = 0
    size: int = 0
    compressed_size: int = 0
    sha256: str = ""


class _Deflating:
    def __init__(self) -> None:
        self.deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        self.digest = hashlib.sha256()
        self.packed = Packed()

    def add(self, piece: bytes) -> None:
        p = self.packed
        p.crc = zlib.crc32(piece, p.crc)
        p.size += len(piece)
        self.digest.update(piece)
        if out := self.deflate.compress(piece):
            p.chunks.append(out)

    def done(self) -> Packed:
        p = self.packed
        p.chunks.append(self.deflate.flush())
        p.compressed_size = sum(map(len, p.chunks))
        p.sha256 = self.digest.hexdigest()
        return p


def pack(data: bytes) -> Packed:
    """A small part (the manifest, the signature) deflated at once."""
    part = _Deflating()
    part.add(data)
    return part.done()


class Packer:
    """Deflates the pieces of several parts, in the order given, in a thread of its own.
    :meth:`close` says there are no more; :meth:`result` waits for the packed parts."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._parts = {name: _Deflating() for name in names}
        self._queue: Queue[tuple[str, bytes] | None] = Queue(maxsize=32)
        self._error: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="bundle-pack", daemon=True)
        self._thread.start()

    def add(self, name: str, piece: bytes) -> None:
        self._queue.put((name, piece))

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._queue.put(None)

    def result(self) -> dict[str, Packed]:
        self.close()
        self._thread.join()
        if self._error is not None:
            raise self._error
        return {name: part.packed for name, part in self._parts.items()}

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if self._error is None:
                try:
                    self._parts[item[0]].add(item[1])
                except BaseException as exc:  # handed to result()
                    self._error = exc
        if self._error is None:
            try:
                for part in self._parts.values():
                    part.done()
            except BaseException as exc:
                self._error = exc


def zip_file(members: list[tuple[str, Packed]], when: tuple[int, ...]) -> bytes:
    """The ZIP file of the packed ``members`` (name, part), in that order, each dated
    ``when`` (year, month, day, hour, minute, second; local time, as ZIP keeps it)."""
    year, month, day, hour, minute, second = when[:6]
    dos_time = hour << 11 | minute << 5 | second // 2
    dos_date = (year - 1980) << 9 | month << 5 | day
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, p in members:
        raw = name.encode("ascii")
        if max(p.size, p.compressed_size, offset) >= _LIMIT:
            raise ValueError("a bundle part is too large for a ZIP file")
        local = (
            struct.pack(
                "<IHHHHHIIIHH",
                0x04034B50,
                20,
                0,
                8,
                dos_time,
                dos_date,
                p.crc,
                p.compressed_size,
                p.size,
                len(raw),
                0,
            )
            + raw
        )
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                3 << 8 | 20,
                20,
                0,
                8,
                dos_time,
                dos_date,
                p.crc,
                p.compressed_size,
                p.size,
                len(raw),
                0,
                0,
                0,
                0,
                0o100644 << 16,
                offset,
            )
            + raw
        )
        out.append(local)
        out.extend(p.chunks)
        offset += len(local) + p.compressed_size
    directory = b"".join(central)
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), offset, 0
    )
    return b"".join([*out, directory, end])
