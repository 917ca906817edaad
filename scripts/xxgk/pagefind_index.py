"""Writing the search index with Pagefind (the extended build), from our records.

Each record becomes a minimal HTML page in a scratch folder that the Pagefind
binary indexes in one run: one process, no per-record round trips (the Python
API's service answers one message per 0.1 s, 17 minutes for 10,000 records).
The text is already cut into Han character pairs (see `search.py`) and is
indexed as "en", a whitespace-split language: Pagefind's Chinese segmentation
would cut those pairs again, at index time (jieba) and at query time
(Intl.Segmenter, chosen from the page's lang; the search page makes Pagefind
load as "en", see `assets/xxgk-search.js`).
"""

from __future__ import annotations

import subprocess
import tempfile
from html import escape
from pathlib import Path

from .search import SearchRecord

INDEX_FOLDER = "pagefind"
RECORD_LANGUAGE = "en"


class SearchIndexError(Exception):
    pass


def pagefind_binary() -> str:
    from pagefind_bin_extended import get_executable

    return str(get_executable())


def record_html(record: SearchRecord) -> str:
    """The page Pagefind reads for a record: its text in the body, meta and filters beside it."""
    fields = [f'<p data-pagefind-meta="{escape(key)}">{escape(value)}</p>' for key, value in record.meta.items()]
    fields += [f'<p data-pagefind-filter="{escape(key)}">{escape(value)}</p>'
               for key, values in record.filters.items() for value in values]
    fields += [f'<p data-pagefind-sort="{escape(key)}">{escape(value)}</p>' for key, value in record.sort.items()]
    return (f'<!doctype html><html lang="{RECORD_LANGUAGE}"><head><meta charset="utf-8"></head><body>'
            + "".join(fields) + f"<main data-pagefind-body>{escape(record.content)}</main></body></html>")


def write_search_index(records: list[SearchRecord], site_dir: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="xxgk-pagefind-") as scratch:
        for record in records:
            page = Path(scratch, record.url, "index.html")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(record_html(record), encoding="utf-8")
        done = subprocess.run(
            [pagefind_binary(), "--site", scratch, "--output-path", str(site_dir / INDEX_FOLDER),
             "--force-language", RECORD_LANGUAGE, "--quiet"],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise SearchIndexError(f"Pagefind failed ({done.returncode}): {done.stderr or done.stdout}")
