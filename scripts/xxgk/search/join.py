"""Joining Pagefind bundles, each indexed from a part of the records, into one.

Pagefind holds every page's words in memory until it writes its index: about
0.3 MB per record of ours, 3 GB for 10,000 documents (measured with
Pagefind 1.5.2, growing with the distinct words of each page). So the records
are indexed in parts, one Pagefind run each, and the parts are joined here into
the one bundle that the search page loads, as if Pagefind had indexed them in
one run: the same words, positions and weights, with the pages renumbered in
the order of the records given (newest first, see `pagefind.py`).

Each page's fragment file is renamed after its new number and a tag of the
whole index, instead of a hash of its own: the meta file that every search
downloads lists one name per page, and numbered names compress to a third.
The search page reads a result's number from its name, for its facets and
its date order (`assets/xxgk-search.js`), so the index has no Pagefind
filters or sorts, which would add 110 KB to a first search at 10,000 pages.

A part is a run of consecutive pages of the joined order. Each is first made
a segment: its pages in that order and, for each of its words, the entries of
its pages already encoded, numbered from the part's first page. A word's
entry in the joined index is then its segments one after the other, and only
the number of each segment's first page depends on the parts before it (it is
stored as the difference from the previous page): the join merges the parts'
sorted words and concatenates bytes. A segment depends only on its part and
on the meta fields of all parts, so with a cache a rebuild keeps the segments
of the parts that did not change, and the gzip of every index chunk whose
bytes are the same as before.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import marshal
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from xxgk.model.build_cache import key_of, link
from xxgk.search.bundle import (
    PAGEFIND_VERSION,
    SIGNATURE,
    Bundle,
    BundleFormatError,
    cbor_head,
    cbor_integer,
    cbor_integers,
    page_key,
    write_cbor,
)

# Positions (plus one per page) per index chunk. Pagefind's own 20,000 made a phrase's first search
# at 10,000 documents fetch 66 KB of chunks on average (92 KB for the bench's first query). With
# numbered chunk names, 8,000 gives the fewest bytes of meta file and chunks for a phrase: 24 KB and
# 18 KB, against 30 and 15 at 4,000, and 21 and 22 at 12,000 (30 random phrases of the bench's corpus).
CHUNK_SIZE = 8000
# Pagefind's script and worker the search page loads, beside its WebAssembly (wasm.*.pagefind).
RUNTIME = ("pagefind.js", "pagefind-worker.js")
# The kinds of cache entries: a part's segment, an index chunk's gzip by the hash of its bytes.
SEGMENT, CHUNK = "search-segment", "search-chunk"


class Cache(Protocol):
    """What the search index keeps between builds (the build's cache, `BuildCache`)."""

    def get(self, kind: str, key: str) -> bytes | None: ...

    def put(self, kind: str, key: str, data: bytes) -> None: ...

    def folder_entry(self, kind: str, key: str) -> Path | None: ...

    def put_folder(self, kind: str, key: str, source: Path) -> Path: ...

    def flush(self) -> None: ...  # writes what `put` kept, before this process ends


@dataclass
class Part:
    """One Pagefind bundle and the addresses of its pages, in the joined order."""

    folder: Path
    urls: Sequence[str]
    key: str | None = None  # a hash of everything the bundle was indexed from, to find its segment in a cache


# A segment: the part's pages in order, [(fragment name, word count)], and its words in order, each
# (word, pages, first page, last page, positions plus pages, encoded entries after the first page's number).
Segment = tuple[list[tuple[str, int]], list[tuple[str, int, int, int, int, bytes]]]


def segment_of(bundle: Bundle, urls: Sequence[str], meta_fields: list[str]) -> Segment:
    """The bundle's pages and words numbered as `urls` are ordered, meta fields as in `meta_fields`.

    The hot loop of a join (4 million pages at 10,000 documents): positions are encoded as read,
    meta positions rewritten only where the part numbers its meta fields differently.
    """
    number_of = {page_key(url): n for n, url in enumerate(urls)}
    numbers = []
    for local in range(len(bundle.pages)):
        url = bundle.page_url(local)
        if page_key(url) not in number_of:
            raise BundleFormatError(f"{bundle.folder}: Pagefind indexed {url}, which is not in its part")
        numbers.append(number_of[page_key(url)])
    pages: list[tuple[str, int] | None] = [None] * len(urls)
    for (name, count), number in zip(bundle.pages, numbers):
        pages[number] = (name, count)
    missing = [urls[n] for n, page in enumerate(pages) if page is None]
    if missing:
        raise BundleFormatError(f"Pagefind left out {len(missing)} pages, such as {missing[0]}")

    fields = [-(meta_fields.index(field) + 1) for field in bundle.meta_fields]
    same_fields = fields == [-(n + 1) for n in range(len(fields))]
    words = []
    for entry in bundle.words():
        if len(entry) != 3 or entry[2] != []:
            raise BundleFormatError(f"{bundle.folder}: unexpected word entry for {entry[0]!r}")
        local = 0
        size = 0
        found = []
        for delta, positions, meta_positions in entry[1]:
            local += delta
            size += len(positions)
            if meta_positions:  # most pages have none
                if not same_fields:
                    meta_positions = [fields[-p - 1] if p < 0 else p for p in meta_positions]
                found.append((numbers[local], cbor_integers(positions) + cbor_integers(meta_positions)))
            else:
                found.append((numbers[local], cbor_integers(positions) + b"\x80"))
        if not found:
            words.append((entry[0], 0, 0, 0, 0, b""))
            continue
        found.sort()  # by number, each page's once
        first, out = found[0][0], [found[0][1]]
        previous = first
        for number, tail in itertools.islice(found, 1, None):
            out += (b"\x83", cbor_integer(number - previous), tail)
            previous = number
        words.append((entry[0], len(found), first, previous, size + len(found), b"".join(out)))
    return pages, words


def join_bundles(
    parts: Sequence[Part],
    output: Path,
    chunk_size: int = CHUNK_SIZE,
    cache: Cache | None = None,
    made: tuple[list[str], dict[Path, Segment]] | None = None,
) -> str:
    """Join the parts' bundles into `output`, their pages numbered part after part.

    Returns the prefix of the fragment names; the rest of a name is the page's number in hex.
    Filters and sorts are not joined: the parts must have none. With a `cache`, the parts that
    have a `key` keep their segments in it, and the index chunks their gzip. `made` is the meta
    fields and the segments by folder made already for them: used if the parts have those fields.
    """
    bundles = [Bundle.read(part.folder) for part in parts]
    language = bundles[0].language
    if any(b.language != language for b in bundles):
        raise BundleFormatError(f"parts indexed in different languages: {sorted({b.language for b in bundles})}")
    if any(b.meta[3] or b.meta[4] for b in bundles):
        raise BundleFormatError("parts with Pagefind filters or sorts cannot be joined")
    meta_fields = sorted({field for b in bundles for field in b.meta_fields})
    made_fields, made_segments = made or ([], {})
    segments = [
        made_segments[part.folder]
        if made_fields == meta_fields and part.folder in made_segments
        else segment_for(part, bundle, meta_fields, cache)
        for part, bundle in zip(parts, bundles)
    ]
    pages = [(bundle.fragment(name), count) for bundle, seg in zip(bundles, segments) for name, count in seg[0]]

    if output.exists():
        shutil.rmtree(output)
    (output / "fragment").mkdir(parents=True)
    for item in bundles[0].folder.iterdir():  # the code a search runs: not Pagefind's UI, which no page uses
        if item.name in RUNTIME or item.suffix == ".pagefind":
            shutil.copyfile(item, output / item.name)
    prefix = f"{language}_" + hashlib.sha256(" ".join(f.stem for f, _count in pages).encode()).hexdigest()[:4]
    for number, (fragment, _count) in enumerate(pages):
        # A second name (a tenth of the time of a copy): the parts' bundles are scratch or cache entries.
        link(fragment, output / "fragment" / f"{prefix}{number:x}.pf_fragment")

    starts = list(itertools.accumulate((len(part.urls) for part in parts), initial=0))
    words = _joined_words([seg[1] for seg in segments], starts)
    chunks = _write_chunks(words, output / "index", language, chunk_size, cache)
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
        language: {**bundles[0].entry["languages"][language], "hash": meta_name, "page_count": len(pages)}
    }
    (output / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    return prefix


def segment_for(part: Part, bundle: Bundle, meta_fields: list[str], cache: Cache | None) -> Segment:
    """The part's segment, from the cache when it holds one made from the same part and meta fields."""
    if cache is None or part.key is None:
        return segment_of(bundle, part.urls, meta_fields)
    key = key_of(part.key, *meta_fields)
    data = cache.get(SEGMENT, key)
    if data is not None:
        try:
            return marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            pass  # not a segment: made again
    segment = segment_of(bundle, part.urls, meta_fields)
    cache.put(SEGMENT, key, marshal.dumps(segment))
    return segment


def _joined_words(segments: list[list[tuple]], starts: list[int]) -> Iterator[tuple[str, bytes, int]]:
    """Each word of the parts, in order, with its encoded entry and its size in positions."""
    parts: dict[str, list[tuple[int, tuple]]] = {}  # a word's segments, part by part: half the time of heapq.merge
    for start, words in zip(starts, segments):
        for word in words:
            if word[0] in parts:
                parts[word[0]].append((start, word))
            else:
                parts[word[0]] = [(start, word)]
    for text in sorted(parts):
        pieces = []
        count = size = previous = 0
        for start, (_word, pages, first, last, positions, entries) in parts[text]:
            if pages:
                pieces += (b"\x83", cbor_integer(start + first - previous), entries)
                previous = start + last
                count += pages
                size += positions
        word = text.encode("utf-8")
        yield text, b"\x83" + cbor_head(3, len(word)) + word + cbor_head(4, count) + b"".join(pieces) + b"\x80", size


def _write_chunks(
    words: Iterator[tuple[str, bytes, int]], folder: Path, language: str, chunk_size: int, cache: Cache | None
) -> list[list[str]]:
    """Cut the words into index chunks of about `chunk_size`; return the meta entry of each.

    The bytes are those of cbor2.dumps of the chunk. A chunk is named after its number and a tag
    of all the chunks' bytes, as the fragments are: the meta file every search loads lists every
    chunk's name, and numbered names compress where hashes do not (23 KiB instead of 27 at
    10,000 pages). Any change to the index changes every name, so no reader keeps an old chunk.
    """
    folder.mkdir(parents=True, exist_ok=True)
    chunks: list[list[str]] = []  # first word, last word, digest of the bytes; the digest becomes the name
    entries: list[bytes] = []
    first = ""
    size = 0

    def flush(last: str) -> None:
        data = SIGNATURE + b"\x81" + cbor_head(4, len(entries)) + b"".join(entries)
        digest = hashlib.sha256(data).hexdigest()
        packed = cache.get(CHUNK, digest) if cache else None
        if packed is None:
            # Level 6: a fifth of the time of 9 on 500 chunks, 3% larger.
            packed = gzip.compress(data, compresslevel=6, mtime=0)
            if cache:
                cache.put(CHUNK, digest, packed)
        (folder / f"{digest}.pf_index").write_bytes(packed)
        chunks.append([first, last, digest])
        entries.clear()

    for text, entry, positions in words:
        if not entries:
            first = text
        entries.append(entry)
        size += positions
        if size >= chunk_size:
            flush(text)
            size = 0
    if entries:
        flush(text)
    for before, after in itertools.pairwise(chunks):  # shortest boundaries that still tell them apart
        common = len(list(itertools.takewhile(lambda pair: pair[0] == pair[1], zip(before[1], after[0]))))
        before[1], after[0] = before[1][: common + 1], after[0][: common + 1]
    tag = hashlib.sha256(" ".join(chunk[2] for chunk in chunks).encode()).hexdigest()[:7]
    for number, chunk in enumerate(chunks):
        name = f"{language}_{tag}{number:x}"
        (folder / f"{chunk[2]}.pf_index").rename(folder / f"{name}.pf_index")
        chunk[2] = name
    return chunks
