"""Joining Pagefind bundles, each indexed from a part of the records, into one.

Pagefind holds every page's words in memory until it writes its index: about
0.3 MB per record of ours, 3 GB for 10,000 documents (measured with
Pagefind 1.5.2, growing with the distinct words of each page). So the records
are indexed in parts, one Pagefind run each, and the parts are joined here into
the one bundle that the search page loads, as if Pagefind had indexed them in
one run: the same words, positions and weights, with the pages renumbered in
the order of the records given (newest first, see `pagefind_index.py`).

Each page's fragment file is renamed after its new number and a tag of the
whole index, instead of a hash of its own: the meta file that every search
downloads lists one name per page, and numbered names compress to a third.
The search page reads a result's number from its name, for its facets and
its date order (`assets/xxgk-search.js`), so the index has no Pagefind
filters or sorts, which would add 110 KB to a first search at 10,000 pages.

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
import heapq
import itertools
import json
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import cbor2

PAGEFIND_VERSION = "1.5.2"
SIGNATURE = b"pagefind_dcd"
# Positions (plus one per page) per index chunk. Pagefind's own 20,000 made a phrase's first search
# at 10,000 documents fetch 66 KB of chunks on average (92 KB for the bench's first query); 8,000
# fetch 38 KB (39 KB) for 8 KB more in the meta file every search loads (bench, chunk sizes tried).
CHUNK_SIZE = 8000


class BundleFormatError(Exception):
    pass


def read_cbor(path: Path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{path}: not a Pagefind {PAGEFIND_VERSION} file")
    return cbor2.loads(data[len(SIGNATURE) :])


def write_cbor(
    folder: Path, language: str, value, suffix: str, digits: int = 7, level: int = 9, encode=cbor2.dumps
) -> str:
    """Write a value under a name made of its hash, as Pagefind names its files; return the name."""
    data = SIGNATURE + encode(value)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=level, mtime=0))
    return name


# -- index chunks, encoded by hand: the same bytes as cbor2.dumps, in 60% of its time ------------


def _head(major: int, number: int) -> bytes:
    """A CBOR item's initial bytes: its major type and a length or unsigned value."""
    if number < 24:
        return bytes([major << 5 | number])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if number < 1 << (8 * size):
            return bytes([major << 5 | extra]) + number.to_bytes(size, "big")
    raise ValueError(f"{number} does not fit in CBOR's 64 bits")


_SMALL = 1 << 16
_UNSIGNED = [_head(0, n) for n in range(_SMALL)]
_NEGATIVE = [_head(1, n) for n in range(_SMALL)]  # -1 - n
_ARRAY = [_head(4, n) for n in range(_SMALL)]


def _integer(value: int) -> bytes:
    if 0 <= value < _SMALL:
        return _UNSIGNED[value]
    if -_SMALL <= value < 0:
        return _NEGATIVE[-1 - value]
    return _head(0, value) if value >= 0 else _head(1, -1 - value)


def _integers(values: list[int]) -> bytes:
    try:  # the indexes are never negative, so a value out of the tables' range raises
        return _ARRAY[len(values)] + b"".join([_UNSIGNED[v] if v >= 0 else _NEGATIVE[-1 - v] for v in values])
    except IndexError:
        return _head(4, len(values)) + b"".join(_integer(v) for v in values)


def encode_index_chunk(value: list) -> bytes:
    """`cbor2.dumps` of an index chunk, [[[word, [[page, [position], [meta position]]], []]]].

    >>> chunk = [[["政府", [[3, [0, 7, -2, 300, 70000], [-1]], [1, [], []]], []], ["x" * 30, [], []]]]
    >>> encode_index_chunk(chunk) == cbor2.dumps(chunk)
    True
    """
    (words,) = value
    out = [b"\x81", _head(4, len(words))]
    for word, pages, extra in words:
        if extra:
            raise BundleFormatError(f"unexpected word entry for {word!r}")
        text = word.encode("utf-8")
        out += (b"\x83", _head(3, len(text)), text, _head(4, len(pages)))
        for page, positions, meta_positions in pages:
            out += (b"\x83", _integer(page), _integers(positions), _integers(meta_positions))
        out.append(b"\x80")
    return b"".join(out)


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
        data = gzip.decompress(self.fragment(self.pages[number][0]).read_bytes())
        return json.loads(data[len(SIGNATURE) :].decode("utf-8"))["url"]

    def words(self) -> Iterator[list]:
        """Every [word, pages, extra] entry, in word order."""
        for _first, _last, name in self.meta[2]:
            yield from read_cbor(self.folder / "index" / f"{name}.pf_index")[0]


def join_bundles(parts: Sequence[Path], order: Sequence[str], output: Path, chunk_size: int = CHUNK_SIZE) -> str:
    """Join the bundles in `parts` into `output`, pages numbered as their urls are in `order`.

    Returns the prefix of the fragment names; the rest of a name is the page's number in hex.
    Filters and sorts are not joined: the parts must have none.
    """
    bundles = [Bundle.read(folder) for folder in parts]
    language = bundles[0].language
    if any(b.language != language for b in bundles):
        raise BundleFormatError(f"parts indexed in different languages: {sorted({b.language for b in bundles})}")
    if any(b.meta[3] or b.meta[4] for b in bundles):
        raise BundleFormatError("parts with Pagefind filters or sorts cannot be joined")
    renumbered, pages = _renumbered(bundles, order)

    if output.exists():
        shutil.rmtree(output)
    (output / "fragment").mkdir(parents=True)
    for item in bundles[0].folder.iterdir():  # the search code: scripts, styles, wasm
        if item.is_file() and item.suffix != ".pf_meta" and item.name != "pagefind-entry.json":
            shutil.copyfile(item, output / item.name)
    prefix = f"{language}_" + hashlib.sha256(" ".join(f.stem for f, _count in pages).encode()).hexdigest()[:4]
    for number, (fragment, _count) in enumerate(pages):
        shutil.copyfile(fragment, output / "fragment" / f"{prefix}{number:x}.pf_fragment")

    meta_fields = sorted({field for b in bundles for field in b.meta_fields})
    field_maps = [[-(meta_fields.index(field) + 1) for field in b.meta_fields] for b in bundles]
    chunks = _write_chunks(_joined_words(bundles, renumbered, field_maps), output / "index", language, chunk_size)
    # Every page gets the average word count: Pagefind's length-normalised score is not how results
    # rank (the search page asks exact phrase searches and ranks by position), and one repeated
    # value makes the meta file every search loads a third smaller (58 to 40 KB at 10,000 pages).
    average = round(sum(count for _fragment, count in pages) / len(pages)) if pages else 0
    page_names = [[f"{prefix}{number:x}", average] for number in range(len(pages))]
    meta_name = write_cbor(
        output, language, [PAGEFIND_VERSION, page_names, chunks, [], [], meta_fields], ".pf_meta", digits=10
    )
    (output / f"{meta_name}.pf_meta").rename(output / f"pagefind.{meta_name}.pf_meta")
    entry = dict(bundles[0].entry)
    entry["languages"] = {
        language: {**bundles[0].entry["languages"][language], "hash": meta_name, "page_count": len(order)}
    }
    (output / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return prefix


def _renumbered(bundles: list[Bundle], order: Sequence[str]) -> tuple[list[list[int]], list[tuple[Path, int]]]:
    """Each bundle's page numbers in the joined bundle; each joined page's fragment and word count."""
    number_of = {page_key(url): n for n, url in enumerate(order)}
    renumbered = [[number_of[page_key(b.page_url(n))] for n in range(len(b.pages))] for b in bundles]
    pages: list[tuple[Path, int] | None] = [None] * len(order)
    for bundle, numbers in zip(bundles, renumbered):
        for local, number in enumerate(numbers):
            pages[number] = (bundle.fragment(bundle.pages[local][0]), bundle.pages[local][1])
    missing = [order[n] for n, page in enumerate(pages) if page is None]
    if missing:
        raise BundleFormatError(f"Pagefind left out {len(missing)} pages, such as {missing[0]}")
    return renumbered, pages


def _joined_words(bundles: list[Bundle], renumbered: list[list[int]], field_maps: list[list[int]]) -> Iterator[list]:
    """The words of all bundles in order, each word's pages from every bundle, renumbered.

    Each entry carries a fourth item, its size in positions (`_write_chunks`), dropped when written.
    The hot loop of the join (millions of pages at 10,000 documents): positions are kept as read,
    meta positions rewritten only where a part numbers its meta fields differently.
    """

    def stream(n: int) -> Iterator[tuple[str, int, list]]:
        return ((entry[0], n, entry) for entry in bundles[n].words())

    identity = [fields == [-(i + 1) for i in range(len(fields))] for fields in field_maps]
    streams = [stream(n) for n in range(len(bundles))]
    for word, group in itertools.groupby(heapq.merge(*streams, key=lambda item: item[0]), key=lambda item: item[0]):
        pages = []
        size = 0
        for _word, n, entry in group:
            if len(entry) != 3 or entry[2] != []:
                raise BundleFormatError(f"{bundles[n].folder}: unexpected word entry for {word!r}")
            local = 0
            numbers = renumbered[n]
            fields = field_maps[n]
            same_fields = identity[n]
            for delta, positions, meta_positions in entry[1]:
                local += delta
                size += len(positions) + 1
                if not same_fields:
                    meta_positions = [fields[-p - 1] if p < 0 else p for p in meta_positions]
                pages.append((numbers[local], positions, meta_positions))
        pages.sort(key=_first)
        previous = 0
        packed = []
        for number, positions, meta_positions in pages:
            packed.append([number - previous, positions, meta_positions])
            previous = number
        yield [word, packed, [], size]


def _first(page: tuple) -> int:
    return page[0]


def _write_chunks(words: Iterator[list], folder: Path, language: str, chunk_size: int) -> list[list[str]]:
    """Cut the words into index chunks of about `chunk_size`; return the meta entry of each."""
    chunks: list[list[str]] = []
    chunk: list[list] = []
    size = 0

    def flush() -> None:
        # Level 6: a fifth of the time of 9 on 500 chunks, 3% larger.
        name = write_cbor(folder, language, [chunk], ".pf_index", level=6, encode=encode_index_chunk)
        chunks.append([chunk[0][0], chunk[-1][0], name])
        chunk.clear()

    for word in words:
        size += word.pop()  # its size in positions, counted by _joined_words
        chunk.append(word)
        if size >= chunk_size:
            flush()
            size = 0
    if chunk:
        flush()
    for before, after in itertools.pairwise(chunks):  # shortest boundaries that still tell them apart
        common = len(list(itertools.takewhile(lambda pair: pair[0] == pair[1], zip(before[1], after[0]))))
        before[1], after[0] = before[1][: common + 1], after[0][: common + 1]
    return chunks
