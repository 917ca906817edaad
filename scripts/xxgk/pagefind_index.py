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

import gzip
import hashlib
import json
import subprocess
import tempfile
from html import escape
from pathlib import Path

import cbor2

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
    canonicalise_filters(site_dir / INDEX_FOLDER)


_SIGNATURE = b"pagefind_dcd"


def _read(path: Path):
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(_SIGNATURE):])


def _write(path: Path, value) -> str:
    data = _SIGNATURE + cbor2.dumps(value)
    path.write_bytes(gzip.compress(data, mtime=0))
    return hashlib.sha256(data).hexdigest()


def canonicalise_filters(index: Path) -> None:
    """Rewrite Pagefind's filter files in a fixed order, so two builds are byte-identical.

    Pagefind writes each filter's values, and the list of filters in its meta
    file, in the order of its hash maps, which changes from run to run; the
    file names are hashes of the contents and follow. The values are sorted,
    the files renamed after their new contents, and the meta file and the
    entry file pointed at the new names.
    """
    entry_path = index / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        renamed = {}
        for path in sorted((index / "filter").glob(f"{language}_*.pf_filter")):
            name, values = _read(path)
            path.unlink()
            digest = _write(path, [name, sorted(values, key=lambda item: item[0])])
            new = f"{language}_{digest[:7]}"
            path.rename(path.with_name(f"{new}.pf_filter"))
            renamed[path.stem] = new
        meta_path = index / f"pagefind.{info['hash']}.pf_meta"
        meta = _renamed(_read(meta_path), renamed)
        meta_path.unlink()
        digest = _write(meta_path, meta)
        info["hash"] = f"{language}_{digest[:10]}"
        meta_path.rename(index / f"pagefind.{info['hash']}.pf_meta")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _renamed(value, renamed: dict[str, str]):
    """The meta structure with filter file names replaced and its list of filters sorted."""
    if isinstance(value, str):
        return renamed.get(value, value)
    if isinstance(value, list):
        items = [_renamed(item, renamed) for item in value]
        if items and all(isinstance(i, list) and len(i) == 2 and i[1] in renamed.values() for i in items):
            items.sort(key=lambda item: item[0])
        return items
    return value
