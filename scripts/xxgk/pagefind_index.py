"""Writing the search index with Pagefind (the extended build), from our records.

Records are added as custom records in a whitespace-split language ("en"): the
text is already cut into Han character pairs (see `search.py`), and Pagefind's
Chinese segmentation would cut those pairs again, at index time (jieba) and at
query time (Intl.Segmenter, chosen from the page's lang; the search page makes
Pagefind load as "en", see `assets/xxgk-search.js`).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import PagefindIndex

from .search import SearchRecord

INDEX_FOLDER = "pagefind"
RECORD_LANGUAGE = "en"


def write_search_index(records: list[SearchRecord], site_dir: Path) -> None:
    asyncio.run(_write(records, site_dir / INDEX_FOLDER))


async def _write(records: list[SearchRecord], output: Path) -> None:
    config = {"output_path": str(output), "keep_index_url": False}
    async with PagefindIndex(config=config) as index:
        for record in records:
            await index.add_custom_record(
                url="/" + record.url, content=record.content, language=RECORD_LANGUAGE,
                meta=record.meta, filters=record.filters, sort=record.sort,
            )
