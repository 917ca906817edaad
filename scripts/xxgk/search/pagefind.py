"""Writing the search index with Pagefind (the extended build), from our records.

Each record becomes a minimal HTML page in a scratch folder that the Pagefind
binary indexes, at most a few thousand records of the usual length to a run
(fewer long ones) so that its memory stays bounded; the runs' bundles are then
joined into one (`join.py`). The records are cut into parts where their
addresses say (`part_bounds`), not every so many records, so that with a cache
a rebuild after an edit or a new document indexes again only the part it falls in.
The binary, not the Python API: the API's service answers one message per
0.1 s, 17 minutes for 10,000 records.
The text is already cut into Han character pairs (see `records.py`) and is
indexed as "und" (undetermined), which Pagefind splits at whitespace:
Pagefind's Chinese segmentation would cut those pairs again, at index time
(jieba) and at query time (Intl.Segmenter, chosen from the page's lang; the
search page makes Pagefind load as "und", see `assets/xxgk-search.js`).
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from html import escape
from pathlib import Path

from xxgk.model import urls
from xxgk.model.build_cache import key_of
from xxgk.search.bundle import Bundle, BundleFormatError, page_key, read_fragment, write_fragment
from xxgk.search.join import Cache, Part, Segment, join_bundles, segment_for
from xxgk.search.records import TOKENISER_RULES, SearchRecord, excerpt_text

INDEX_FOLDER = urls.SEARCH_INDEX.rstrip("/")
# The facets every search needs, for the results' order (有效性: in force before ended) and
# 只看现行有效, and the others, for the counts beside the results and for filtering by them. The
# search page loads the second when it shows the counts: on a phone, once the reader opens 筛选
# (at 10,000 documents 0.7 KB against 21 KB, see `facets_files`).
FACETS_FILE, COUNTS_FILE = "xxgk-facets.json", "xxgk-facet-counts.json"
ORDER_FACETS = ("validity",)
# A page's character in the facets file: no value, or a set of values from FIRST_SET on, below
# the UTF-16 surrogates so that the search page reads one character a page (facets_files).
NO_VALUE, FIRST_SET = "0", ord("1")
MOST_SETS = 0xD800 - FIRST_SET
# The rules the search page cuts queries by, written by the build so that search.py is their one owner.
TOKENISER_FILE = "xxgk-tokeniser.json"
# Pagefind has no stemmer for "und": words are indexed as they are, and the search page loads its
# WebAssembly without one, 68 KB instead of the 72 KB of "en", which also stemmed Latin words.
RECORD_LANGUAGE = "und"
# Most records per Pagefind run: it needs about 0.3 MB of memory per record (join.py) of the bench's
# generated documents, 1,700 characters of indexed text on average. A record counts as one more for
# every RECORD_CHARS (`record_weight`): a law of 15,000 characters as six. (At 3,000 the bench's 10,000
# generated records fall into the same parts as counted one each; at 2,000, into 44 parts instead of 36.)
PART_SIZE = 2500
RECORD_CHARS = 3000
# A Pagefind bundle indexed from a part, kept in the cache by the hash of its records' pages.
PART = "search-part"


class SearchIndexError(Exception):
    pass


def pagefind_binary() -> str:
    from pagefind_bin_extended import get_executable

    return str(get_executable())


def record_html(record: SearchRecord) -> str:
    """The page Pagefind reads for a record: its text in the body, its meta beside it.

    Its filters go to the facets files instead (`facets_files`).
    """
    fields = [f'<p data-pagefind-meta="{escape(key)}">{escape(value)}</p>' for key, value in record.meta.items()]
    return (
        f'<!doctype html><html lang="{RECORD_LANGUAGE}"><head><meta charset="utf-8"></head><body>'
        + "".join(fields)
        + f"<main data-pagefind-body>{escape(record.content)}</main></body></html>"
    )


def write_search_index(
    records: list[SearchRecord], site_dir: Path, part_size: int | None = None, cache: Cache | None = None
) -> dict[str, float]:
    """Index the records newest first, in parts weighing at most `part_size` to a Pagefind run, and join them.

    Page numbers follow the records' dates, newest first, so the search page sorts by date by number.
    With a `cache`, a part indexed by an earlier build from the same pages is not indexed again, and
    the join reuses what it made of it (`join_bundles`). Returns the seconds of the two stages,
    "index" (Pagefind's runs, and beside them each part's segment) and "join".
    """
    started = time.perf_counter()
    seconds = {"index": 0.0, "join": 0.0}
    records = sorted(records, key=lambda r: (r.sort.get("date", ""), r.url), reverse=True)
    prefix = ""
    if records:  # Pagefind refuses an empty site; a new county's search page says there is nothing yet
        with tempfile.TemporaryDirectory(prefix="xxgk-pagefind-") as scratch:
            bounds = part_bounds([r.url for r in records], [record_weight(r) for r in records], part_size or PART_SIZE)
            try:
                parts, made = indexed_parts([records[start:end] for start, end in bounds], Path(scratch), cache)
                seconds["index"] = time.perf_counter() - started
                prefix = join_bundles(parts, site_dir / INDEX_FOLDER, cache=cache, made=made)
            except BundleFormatError as error:
                raise SearchIndexError(str(error)) from error
            if cache is not None:
                cache.flush()
    (site_dir / INDEX_FOLDER).mkdir(parents=True, exist_ok=True)
    for name, facets in facets_files(records, prefix).items():
        text = json.dumps(facets, ensure_ascii=False, separators=(",", ":"))
        (site_dir / INDEX_FOLDER / name).write_text(text, encoding="utf-8")
    rules = json.dumps(TOKENISER_RULES, ensure_ascii=False, separators=(",", ":"))
    (site_dir / INDEX_FOLDER / TOKENISER_FILE).write_text(rules, encoding="utf-8")
    seconds["join"] = time.perf_counter() - started - seconds["index"]
    return seconds


def record_weight(record: SearchRecord) -> int:
    """How many records of the usual length a record counts as, in a part (PART_SIZE)."""
    return 1 + len(record.content) // RECORD_CHARS


def part_bounds(urls: list[str], weights: list[int], part_size: int) -> list[tuple[int, int]]:
    """Where the records, in index order, are cut into parts weighing at most `part_size`: [(start, end)].

    A part ends after the first record whose address hashes to less than its weight, modulo a tenth
    of `part_size`, once the part weighs a fiftieth of `part_size`; failing one (rarely), after the
    record of least hash that keeps the part within `part_size` (a record heavier than that is a part
    of its own). The cuts depend on the records around them, not on how many came before, so an edit
    or a new record changes one part (rarely two), not every one after it. Parts average an eighth
    of `part_size`: a smaller part is less to index again, and a Pagefind run costs little more than
    its records (0.1 s for 10). A heavier record is likelier to end a part, so parts of long
    documents hold fewer of them, and take about as long to index again as parts of short ones.

    >>> old = part_bounds([f"doc/{n}/" for n in range(30)], [1] * 30, 10)
    >>> new = part_bounds(["doc/new/", *(f"doc/{n}/" for n in range(30))], [1] * 31, 10)
    >>> len(old), max(end - start for start, end in old)
    (16, 5)
    >>> new[1:] == [(start + 1, end + 1) for start, end in old]  # a new first record: the same parts after it
    True
    >>> urls = [f"doc/{n}/" for n in range(400)]
    >>> len(part_bounds(urls, [1] * 400, 1000)), len(part_bounds(urls, [8] * 400, 1000))  # long documents
    (3, 29)
    >>> part_bounds(urls[:6], [1, 1, 300, 1, 1, 1], 100)  # a record heavier than a part is a part of its own
    [(0, 2), (2, 3), (3, 6)]
    """
    least, every = max(1, part_size // 50), max(2, part_size // 10)
    hashes = [int.from_bytes(hashlib.blake2b(url.encode("utf-8"), digest_size=8).digest(), "big") for url in urls]
    bounds = []
    start = 0
    while start < len(urls):
        end, candidates, weight = None, [], 0
        for n in range(start, len(urls)):
            weight += weights[n]
            if weight > part_size and n > start:  # full before this record
                end = None if candidates else n
                break
            if weight >= least:
                candidates.append(n)
                if hashes[n] % every < weights[n]:
                    end = n + 1
                    break
        else:
            end = len(urls)  # what is left fits in one part
        if end is None:
            end = 1 + min(candidates, key=hashes.__getitem__)
        bounds.append((start, end))
        start = end
    return bounds


def indexed_parts(
    groups: list[list[SearchRecord]], scratch: Path, cache: Cache | None
) -> tuple[list[Part], tuple[list[str], dict[Path, Segment]]]:
    """Each group's part: its Pagefind bundle, from the cache if an earlier build indexed the same
    pages, else indexed; and, for the join, the segment of each part (`join.segment_for`).

    Pagefind indexes the parts one after the other in a thread, while this one makes the segment of
    each part indexed before (the join's hot loop): Pagefind is a process of its own, so on two cores
    the two run side by side (987 laws, the index alone on the machine: 19.1 s one after the other,
    16.7 s side by side; Pagefind itself keeps a core and a fifth busy).
    Segments need the meta fields of all parts, which are not known before Pagefind has read them
    all; they are made for the fields the records give (`meta_fields`), and the join makes them
    again in the rare build where Pagefind's fields differ.
    """
    fields = meta_fields(record for group in groups for record in group)
    pagefind = ThreadPoolExecutor(1, thread_name_prefix="pagefind")
    try:
        jobs: list[tuple[list[SearchRecord], str | None, Path | Future]] = []
        for n, group in enumerate(groups):
            key, kept = _kept_part(group, cache)
            jobs.append((group, key, kept or pagefind.submit(index_part, group, scratch / str(n))))
        parts, segments = [], {}
        for group, key, job in jobs:
            if isinstance(job, Path):
                folder = job
            else:
                folder = job.result()
                write_excerpts(folder, group)  # here, beside Pagefind's next run, as the segments
                if cache is not None:
                    folder = cache.put_folder(PART, key, folder)
            part = Part(folder, [record.url for record in group], key)
            parts.append(part)
            segments[folder] = segment_for(part, Bundle.read(folder), fields, cache)
        return parts, (fields, segments)
    finally:
        pagefind.shutdown(wait=True, cancel_futures=True)


def meta_fields(records: Iterable[SearchRecord]) -> list[str]:
    """The meta fields Pagefind finds in the records' pages: those with a value (it drops empty ones)."""
    return sorted({key for record in records for key, value in record.meta.items() if value})


def _kept_part(records: list[SearchRecord], cache: Cache | None) -> tuple[str | None, Path | None]:
    """The part's key in the cache and its kept bundle, if an earlier build indexed the same pages."""
    if cache is None:
        return None, None
    key = key_of(*(text for record in records for text in (record.url, record_html(record))))
    folder = cache.folder_entry(PART, key)
    if folder is not None and not _whole(folder, len(records)):
        shutil.rmtree(folder, ignore_errors=True)  # this build's copy of a damaged entry: indexed again
        folder = None
    return key, folder


def _whole(folder: Path, pages: int) -> bool:
    """Whether a kept bundle reads as one of `pages` pages, with each page's fragment."""
    try:
        bundle = Bundle.read(folder)
    except (BundleFormatError, OSError, ValueError):
        return False
    return len(bundle.pages) == pages and all(bundle.fragment(name).is_file() for name, _count in bundle.pages)


class BackgroundIndex:
    """`write_search_index` in a process of its own, started as soon as the records exist.

    The records come from the content, not from the rendered pages, so the index is
    written while the renderer works on the pages: on two cores the build takes about
    the longer of the two instead of their sum. The index goes to a scratch folder and
    moves into the site when both are done (`finish`), as the renderer empties the
    site folder when it starts. Made without records, the process starts and imports what
    it needs while they are made; `index` hands them over.
    """

    def __init__(self, records: list[SearchRecord] | None = None, cache: Cache | None = None) -> None:
        self._scratch = Path(tempfile.mkdtemp(prefix="xxgk-index-"))
        # spawn on every system: a fresh interpreter, not a copy of the renderer's memory
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        self._cache = cache
        self._job: Future | None = None
        if records is None:
            self._pool.submit(_started)
        else:
            self.index(records)

    def index(self, records: list[SearchRecord]) -> None:
        self._job = self._pool.submit(write_search_index, records, self._scratch, None, self._cache)

    def finish(self, site_dir: Path) -> dict[str, float]:
        """Wait for the index, move it into `site_dir`; returns the seconds of its stages."""
        try:
            if self._job is None:
                raise SearchIndexError("the search index was never handed its records")
            seconds = self._job.result()
            target = site_dir / INDEX_FOLDER
            if target.exists():
                shutil.rmtree(target)
            shutil.move(self._scratch / INDEX_FOLDER, target)
            return seconds
        finally:
            self.cancel()

    def cancel(self) -> None:
        if self._job:
            self._job.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self._scratch, ignore_errors=True)


def _started() -> None:
    """Nothing: the index's process has started and imported this module."""


def facets_files(records: list[SearchRecord], prefix: str) -> dict[str, dict]:
    """Each page's facet values, for the search page to filter and count results without Pagefind.

    A page is a result's number, read from its fragment name after `prefix`. For each facet,
    `values` lists the sets of its values that pages have, and `pages` has one character per
    page: NO_VALUE, or the set's place in `values` counted from FIRST_SET. One character a page
    compresses to two thirds of the lists of pages per value it replaces (21 KiB instead of 31
    at 10,000 documents). The facets of ORDER_FACETS go to FACETS_FILE, the others to COUNTS_FILE.

    >>> files = facets_files([SearchRecord("a/", "", {}, {"unit": ["甲"], "validity": ["废止"]}, {}),
    ...                       SearchRecord("b/", "", {}, {"unit": ["乙"], "special": ["水", "火"]}, {}),
    ...                       SearchRecord("c/", "", {}, {"unit": ["甲"]}, {})], "en_ab12")
    >>> files[FACETS_FILE]
    {'pages': 3, 'fragment': 'en_ab12', 'facets': {'validity': {'values': [['废止']], 'pages': '100'}}}
    >>> files[COUNTS_FILE]["facets"]
    {'special': {'values': [['水', '火']], 'pages': '010'}, 'unit': {'values': [['乙'], ['甲']], 'pages': '212'}}
    """
    keys = sorted({key for record in records for key, values in record.filters.items() if values})
    facets = {}
    for key in keys:
        of_page = [tuple(record.filters.get(key, ())) for record in records]
        value_sets = sorted({values for values in of_page if values})
        if len(value_sets) > MOST_SETS:
            raise SearchIndexError(f"facet {key}: {len(value_sets)} sets of values, more than {MOST_SETS}")
        place = {values: chr(FIRST_SET + n) for n, values in enumerate(value_sets)}
        pages = "".join(place[values] if values else NO_VALUE for values in of_page)
        facets[key] = {"values": [list(values) for values in value_sets], "pages": pages}
    ordering = {key: facet for key, facet in facets.items() if key in ORDER_FACETS}
    counted = {key: facet for key, facet in facets.items() if key not in ORDER_FACETS}
    return {
        FACETS_FILE: {"pages": len(records), "fragment": prefix, "facets": ordering},
        COUNTS_FILE: {"pages": len(records), "fragment": prefix, "facets": counted},
    }


def index_part(records: list[SearchRecord], scratch: Path) -> Path:
    """One Pagefind run over the records' pages; returns the folder of its bundle."""
    pages, bundle = scratch / "pages", scratch / "bundle"
    pages.mkdir(parents=True)
    for record in records:
        page = pages / record.url / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(record_html(record), encoding="utf-8")
    done = subprocess.run(
        [
            pagefind_binary(),
            "--site",
            str(pages),
            "--output-path",
            str(bundle),
            "--force-language",
            RECORD_LANGUAGE,
            "--quiet",
        ],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind failed ({done.returncode}): {done.stderr or done.stdout}")
    shutil.rmtree(pages)
    return bundle


def write_excerpts(bundle: Path, records: list[SearchRecord]) -> None:
    """Each fragment of the bundle made to hold its page's text as excerpts show it, instead of the
    pairs Pagefind read: a third smaller for every result shown (1.9 KB to 1.3 KB gzipped for the
    bench's generated documents). The search page glues pairs, and leaves the text as it is."""
    by_key = {page_key(record.url): record for record in records}
    for path in (bundle / "fragment").iterdir():
        fragment = read_fragment(path)
        fragment["content"] = excerpt_text(by_key[page_key(fragment["url"])].content)
        write_fragment(path, fragment)
