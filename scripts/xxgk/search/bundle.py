"""Pagefind's bundle files, read and written byte for byte as Pagefind does (joined in `join.py`).

The files are gzip of a signature and CBOR (the `minicbor` layout, by
position). In Pagefind 1.5.2, which the joining is written against:
- meta: [version, pages [[name, word count]], index chunks [[first word,
  last word, name]], filters [[filter, name]], sorts [[key, [page]]],
  meta fields [field]];
- index chunk: [[[word, [[page, [position], [meta position]]], []]]], page
  numbers as the difference from the previous one, negative positions marking
  a weight or, among meta positions, a meta field (-1 for the first);
- fragment: JSON with the page's url, text, meta and filters.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import cbor2
import zopfli.gzip

PAGEFIND_VERSION = "1.5.2"
SIGNATURE = b"pagefind_dcd"


class BundleFormatError(Exception):
    pass


def read_cbor(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{path}: not a Pagefind {PAGEFIND_VERSION} file")
    return cbor2.loads(data[len(SIGNATURE) :])


def write_cbor(folder: Path, language: str, value, suffix: str, digits: int = 7, encode=cbor2.dumps) -> str:
    """Write a value under a name made of its hash, as Pagefind names its files; return the name.

    It is gzipped by zopfli, whose optimal parsing finds what zlib's greedy matches miss in the
    meta file every search loads, where each page's name is the one before it counted up: 27 KiB
    instead of 39 at 10,000 pages for 1.1 s in the index's process, 187 KiB instead of 287 for 8.7 s
    at 100,000 (with the index chunks named by their hash; numbered, 23 KiB instead of 35 at 10,000).
    """
    data = SIGNATURE + encode(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}{suffix}").write_bytes(zopfli.gzip.compress(data, numiterations=15))
    return name


# -- index chunks, encoded by hand: the same bytes as cbor2.dumps, in 60% of its time ------------


def cbor_head(major: int, number: int) -> bytes:
    """A CBOR item's initial bytes: its major type and a length or unsigned value."""
    if number < 24:
        return bytes([major << 5 | number])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * size):
            return bytes([major << 5 | extra]) + number.to_bytes(size, "big")
    raise ValueError(f"{number} does not fit in CBOR's 64 bits")


_SMALL = 1 << 16
_UNSIGNED = [cbor_head(0, n) for n in range(_SMALL)]
_NEGATIVE = [cbor_head(1, n) for n in range(_SMALL)]  # -1 - n
_ARRAY = [cbor_head(4, n) for n in range(_SMALL)]


def cbor_integer(value: int) -> bytes:
    if 0 <= value < _SMALL:
        return _UNSIGNED[value]
    if -_SMALL <= value < 0:
        return _NEGATIVE[-1 - value]
    return cbor_head(0, value) if value >= 0 else cbor_head(1, -1 - value)


def cbor_integers(values: list[int]) -> bytes:
    """`cbor2.dumps` of a list of integers, positions as Pagefind's index chunks hold them.

    >>> values = [0, 7, -2, 300, 70000, -70000]
    >>> cbor_integers(values) == cbor2.dumps(values) and cbor_integer(-1) == cbor2.dumps(-1)
    True
    """
    try:  # the indexes are never negative, so a value out of the tables' range raises
        return _ARRAY[len(values)] + b"".join([_UNSIGNED[v] if v >= 0 else _NEGATIVE[-1 - v] for v in values])
    except IndexError:
        return cbor_head(4, len(values)) + b"".join(cbor_integer(v) for v in values)


def read_fragment(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :].decode("utf-8"))


def write_fragment(path: Path, fragment: dict) -> None:
    data = SIGNATURE + json.dumps(fragment, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))


def page_key(url: str) -> str:
    return unquote(url).strip("/")


@dataclass
class Bundle:
    """One Pagefind output folder, as read back."""

    folder: Path
    entry: dict
    language: str
    meta: list

    @classmethod
    def read(cls, folder: Path) -> Bundle:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry.get("version") != PAGEFIND_VERSION or len(entry.get("languages", {})) != 1:
            raise BundleFormatError(
                f"{folder}: expected a Pagefind {PAGEFIND_VERSION} bundle in one language, "
                f"found {entry.get('version')} with {list(entry.get('languages', {}))}"
            )
        language, info = next(iter(entry["languages"].items()))
        meta = read_cbor(folder / f"pagefind.{info['hash']}.pf_meta")
        if len(meta) != 6:
            raise BundleFormatError(f"{folder}: unexpected meta layout ({len(meta)} fields)")
        return cls(folder, entry, language, meta)

    @property
    def pages(self) -> list[list]:
        return self.meta[1]

    @property
    def meta_fields(self) -> list[str]:
        return self.meta[5]

    def fragment(self, name: str) -> Path:
        return self.folder / "fragment" / f"{name}.pf_fragment"

    def page_url(self, number: int) -> str:
        return read_fragment(self.fragment(self.pages[number][0]))["url"]

    def words(self) -> Iterator[list]:
        """Every [word, pages, extra] entry, in word order."""
        for _first, _last, name in self.meta[2]:
            yield from read_cbor(self.folder / "index" / f"{name}.pf_index")[0]
