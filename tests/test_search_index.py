"""The search index is built by Pagefind in parts and joined: it must be the index one run would give."""

from __future__ import annotations

import dataclasses
import functools
import gzip
import json
from pathlib import Path

import pytest

from xxgk.model.build_cache import open_cache
from xxgk.search import pagefind
from xxgk.search.bundle import SIGNATURE, Bundle, BundleFormatError, read_fragment
from xxgk.search.join import Part, join_bundles, segment_for
from xxgk.search.pagefind import BackgroundIndex, index_part, write_search_index
from xxgk.search.records import SearchRecord, search_text

TEXTS = [
    ("松岭县应急预案管理办法", "为规范应急预案管理，提高应急预案执行人员的能力，制定本办法。PDF 附件 2026 年"),
    ("关于做好政务公开工作的通知", "各乡镇人民政府：现就政务公开工作通知如下。舆情回应要及时。"),
    ("松岭县防汛抗旱应急预案", "防汛抗旱工作实行行政首长负责制。应急预案每三年修订一次。"),
    ("2025年政府信息公开工作年度报告", "本报告由松岭县人民政府办公室编制，数据统计期限为2025年1月1日至12月31日。"),
    ("松岭县市场监督管理局行政处罚裁量基准", "市场监督管理 行政处罚 裁量基准 适用于本县。"),
    ("关于印发松岭县政务公开工作要点的通知", "政务公开要点：一、推进决策公开；二、加强政策解读；三、回应社会关切。"),
    ("松岭县森林火灾应急预案", "森林火灾 应急 预案 响应分为四级。"),
]


def records() -> list[SearchRecord]:
    out = []
    for n, (title, body) in enumerate(TEXTS):
        meta = {"title": title, "date": f"2026-0{n % 3 + 1}-1{n}", "unit": "松岭县人民政府办公室"}
        if n % 2:  # only some records have a 发文字号, so the parts know different meta fields
            meta["doc_number"] = f"松政办发〔2026〕{n}号"
        out.append(
            SearchRecord(
                url=f"doc/p{n}/",
                content=search_text(title + "\n" + title + "\n" + body),
                meta=meta,
                filters={"unit": ["县政府办公室" if n % 2 else "县应急管理局"], "year": [meta["date"][:4]]},
                sort={"date": meta["date"]},
            )
        )
    return out


def read_back(folder: Path) -> dict:
    """What a search can see in a bundle, keyed by page address instead of page number."""
    bundle = Bundle.read(folder)
    urls = [bundle.page_url(n).strip("/") for n in range(len(bundle.pages))]
    words: dict[str, dict] = {}
    for word, pages, _extra in bundle.words():
        number = 0
        for delta, positions, meta_positions in pages:
            number += delta
            fields = [bundle.meta_fields[-p - 1] if p < 0 else p for p in meta_positions]
            words.setdefault(word, {})[urls[number]] = (positions, fields)
    return {
        "word_counts": {url: count for url, (_name, count) in zip(urls, bundle.pages)},
        "words": words,
        "meta_fields": sorted(bundle.meta_fields),
    }


@pytest.fixture(scope="module")
def one_run(tmp_path_factory) -> dict:
    return read_back(index_part(records(), tmp_path_factory.mktemp("one")))


@pytest.mark.parametrize("part_size", [2, 3, 100])
def test_parts_joined_give_the_words_and_positions_of_one_run(one_run, part_size, tmp_path):
    write_search_index(records(), tmp_path, part_size=part_size)
    joined = read_back(tmp_path / "pagefind")
    counts = one_run["word_counts"]
    assert len(counts) == len(TEXTS) and "应急" in one_run["words"]
    # the same words and positions; every page with the average word count (see join_bundles)
    assert set(joined.pop("word_counts").values()) == {round(sum(counts.values()) / len(counts))}
    assert joined == {key: value for key, value in one_run.items() if key != "word_counts"}


def test_pages_are_numbered_newest_first_with_short_fragment_names(tmp_path):
    write_search_index(records(), tmp_path, part_size=3)
    bundle = Bundle.read(tmp_path / "pagefind")
    dates = [
        json.loads(gzip.decompress(bundle.fragment(name).read_bytes())[len(SIGNATURE) :])["meta"]["date"]
        for name, _count in bundle.pages
    ]
    assert dates == sorted(dates, reverse=True)
    assert all(len(name) <= len("und_") + 4 + 2 for name, _count in bundle.pages)
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["und"]["page_count"] == len(TEXTS)


def test_the_index_publishes_only_the_code_a_search_runs_and_no_stemmer(tmp_path):
    write_search_index(records(), tmp_path)
    index = tmp_path / "pagefind"
    published = {p.name for p in index.iterdir() if p.is_file() and p.suffix != ".pf_meta"}
    assert published == {
        "pagefind.js",
        "pagefind-worker.js",
        "wasm.unknown.pagefind",  # Pagefind's WebAssembly without a stemmer: the records are cut already
        "pagefind-entry.json",
        "xxgk-facets.json",
        "xxgk-facet-counts.json",
        "xxgk-tokeniser.json",
    }
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert [language["wasm"] for language in entry["languages"].values()] == [None]


def test_a_result_downloads_its_text_as_the_reader_reads_it_not_the_indexed_pairs(tmp_path):
    write_search_index(records(), tmp_path, part_size=3)
    bundle = Bundle.read(tmp_path / "pagefind")
    content = {
        bundle.page_url(n).strip("/"): read_fragment(bundle.fragment(name))["content"]
        for n, (name, _count) in enumerate(bundle.pages)
    }
    # title, title and text, as the page glued them from the pairs (a space only between Latin words)
    assert (
        content["doc/p0"]
        == "松岭县应急预案管理办法" * 2 + "为规范应急预案管理，提高应急预案执行人员的能力，制定本办法。PDF附件2026年"
    )
    assert all("应急 急预" not in text for text in content.values())


def test_the_facets_files_give_each_result_its_facet_values(tmp_path):
    write_search_index(records(), tmp_path, part_size=3)
    bundle = Bundle.read(tmp_path / "pagefind")
    facets = json.loads((tmp_path / "pagefind" / "xxgk-facet-counts.json").read_text(encoding="utf-8"))
    unit_of = {r.url: r.filters["unit"] for r in records()}
    unit = facets["facets"]["unit"]
    assert len(unit["pages"]) == len(bundle.pages) == len(TEXTS)
    for number, (name, _count) in enumerate(bundle.pages):
        assert int(name.removeprefix(facets["fragment"]), 16) == number  # a result's number from its name
        place = ord(unit["pages"][number]) - ord("1")
        assert unit["values"][place] == unit_of[bundle.page_url(number).strip("/") + "/"]


def test_a_page_has_every_value_of_a_facet_or_none(tmp_path):
    texts = [
        ("a/", "2026-03-01", ["防汛", "森林防火"], ["废止"]),
        ("b/", "2026-02-01", [], []),
        ("c/", "2026-01-01", ["防汛"], ["现行有效"]),
    ]
    given = [
        SearchRecord(url, "正文", {"date": date}, {"special": specials, "validity": validity}, {"date": date})
        for url, date, specials, validity in texts
    ]
    write_search_index(given, tmp_path)

    def shown(file: str, key: str) -> list[list[str]]:
        facet = json.loads((tmp_path / "pagefind" / file).read_text(encoding="utf-8"))["facets"][key]
        return [facet["values"][ord(c) - ord("1")] if c != "0" else [] for c in facet["pages"]]

    assert shown("xxgk-facet-counts.json", "special") == [["防汛", "森林防火"], [], ["防汛"]]
    # what the order of results needs (in force before ended), in the file every search loads alone
    assert shown("xxgk-facets.json", "validity") == [["废止"], [], ["现行有效"]]


def test_joining_is_byte_identical_from_run_to_run(tmp_path):
    sites = []
    for name in ("a", "b"):
        write_search_index(records(), tmp_path / name, part_size=3)
        sites.append(
            {p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()}
        )
    assert sites[0] == sites[1]


def test_the_join_uses_segments_made_beside_pagefind_only_for_the_meta_fields_it_finds(tmp_path):
    given = records()  # only some have a 发文字号: the parts know different meta fields
    parts = [
        Part(index_part(group, tmp_path / name), [r.url for r in group])
        for name, group in (("a", given[:3]), ("b", given[3:]))
    ]
    fields = sorted({field for part in parts for field in Bundle.read(part.folder).meta_fields})
    segments = {part.folder: segment_for(part, Bundle.read(part.folder), fields, None) for part in parts}
    swapped = dict(zip(segments, reversed(segments.values())))  # what wrong segments would do to the index
    join_bundles(parts, tmp_path / "plain")
    join_bundles(parts, tmp_path / "made", made=(fields, segments))
    join_bundles(parts, tmp_path / "other fields", made=([f for f in fields if f != "doc_number"], swapped))

    def files(name: str) -> dict[Path, bytes]:
        return {p.relative_to(tmp_path / name): p.read_bytes() for p in (tmp_path / name).rglob("*") if p.is_file()}

    assert files("made") == files("plain") == files("other fields")


def test_a_bundle_of_another_pagefind_version_is_refused_by_name(tmp_path):
    part = index_part(records(), tmp_path / "part")
    entry_path = part / "pagefind-entry.json"
    entry_path.write_text(entry_path.read_text(encoding="utf-8").replace('"1.5.2"', '"1.6.0"'), encoding="utf-8")
    with pytest.raises(BundleFormatError, match=r"Pagefind 1\.5\.2 bundle.*found 1\.6\.0"):
        join_bundles([Part(part, [r.url for r in records()])], tmp_path / "out")


# -- rebuilding with the build's cache -------------------------------------------------------------


def county(count: int = 24) -> list[SearchRecord]:
    """A county's records, several Pagefind parts of them at `PARTS`."""
    out = []
    for n in range(count):
        title, body = TEXTS[n % len(TEXTS)]
        date = f"2026-{n % 12 + 1:02}-{n % 28 + 1:02}"
        out.append(
            SearchRecord(
                url=f"doc/d{n}/",
                content=search_text(f"{title}\n{body} 第{n}号"),
                meta={"title": title, "date": date, "unit": "松岭县人民政府办公室"},
                filters={"year": [date[:4]]},
                sort={"date": date},
            )
        )
    return out


PARTS = 10


class Builds:
    """Builds of a county's search index, counting the Pagefind runs of each."""

    def __init__(self, folder: Path, monkeypatch) -> None:
        self.folder = folder
        self.indexed: list[list[str]] = []  # the addresses of each Pagefind run's records
        index = pagefind.index_part

        def counted(records, scratch):
            self.indexed.append([r.url for r in records])
            return index(records, scratch)

        monkeypatch.setattr(pagefind, "index_part", counted)

    def build(self, name: str, records: list[SearchRecord], cached: bool = True) -> dict[Path, bytes]:
        """Every file of the index, after a build with the cache (kept for the next) or without."""
        self.indexed.clear()
        cache = open_cache(self.folder / "cache") if cached else None
        write_search_index(records, self.folder / name, part_size=PARTS, cache=cache)
        if cache:
            cache.commit()
        site = self.folder / name
        return {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def edited(records: list[SearchRecord], number: int, **changes) -> list[SearchRecord]:
    return [dataclasses.replace(r, **changes) if n == number else r for n, r in enumerate(records)]


def test_a_county_rebuilds_after_editing_one_document_and_only_its_part_is_indexed_again(tmp_path, monkeypatch):
    builds = Builds(tmp_path, monkeypatch)
    first = builds.build("first", county())
    assert len(builds.indexed) > 3  # several parts, all indexed the first time
    assert builds.build("again", county()) == first and builds.indexed == []  # nothing changed: nothing indexed

    changed = edited(county(), 13, content=county()[13].content + " " + search_text("防汛物资储备"))
    rebuilt = builds.build("edited", changed)
    assert len(builds.indexed) == 1 and "doc/d13/" in builds.indexed[0] and len(builds.indexed[0]) <= PARTS
    # the index is the one a fresh build makes of the edited records, file for file, byte for byte
    assert rebuilt == builds.build("fresh", changed, cached=False) != first


def test_long_documents_go_fewer_to_a_pagefind_run_and_an_edit_indexes_a_few_again(tmp_path, monkeypatch):
    builds = Builds(tmp_path, monkeypatch)
    # 6,000 more characters of indexed text: each record weighs as much as three of the usual length
    long = [dataclasses.replace(r, content=r.content + " " + search_text("汛期" * 1000)) for r in county()]
    builds.build("first", long)
    assert sorted(url for run in builds.indexed for url in run) == sorted(r.url for r in long)
    assert max(len(run) for run in builds.indexed) <= PARTS // 3  # Pagefind's memory grows with the text

    changed = edited(long, 13, content=long[13].content + " " + search_text("防汛物资储备"))
    rebuilt = builds.build("edited", changed)
    assert len(builds.indexed) == 1 and "doc/d13/" in builds.indexed[0] and len(builds.indexed[0]) <= PARTS // 3
    assert rebuilt == builds.build("fresh", changed, cached=False)


def test_a_new_document_is_one_more_pagefind_run_and_the_index_is_a_fresh_builds(tmp_path, monkeypatch):
    builds = Builds(tmp_path, monkeypatch)
    builds.build("first", county())
    newest = SearchRecord(
        "doc/new/",
        search_text("关于新设应急物资仓库的通知"),
        {"title": "新设仓库", "date": "2026-12-31"},
        {},
        {"date": "2026-12-31"},
    )
    rebuilt = builds.build("added", [*county(), newest])
    assert len(builds.indexed) == 1 and "doc/new/" in builds.indexed[0]
    assert rebuilt == builds.build("fresh", [*county(), newest], cached=False)


def test_a_document_with_a_new_meta_field_renumbers_every_part_without_indexing_them_again(tmp_path, monkeypatch):
    builds = Builds(tmp_path, monkeypatch)
    builds.build("first", county())
    record = county()[5]
    changed = edited(county(), 5, meta={**record.meta, "doc_number": "松政办发〔2026〕5号"})
    rebuilt = builds.build("numbered", changed)
    assert len(builds.indexed) == 1 and "doc/d5/" in builds.indexed[0]
    assert rebuilt == builds.build("fresh", changed, cached=False)
    assert "doc_number" in Bundle.read(tmp_path / "numbered" / "pagefind").meta_fields


def test_an_edit_renames_every_index_file_it_changes_so_no_reader_keeps_an_old_one(tmp_path, monkeypatch):
    # small chunks: the county's words in several index chunks
    monkeypatch.setattr(pagefind, "join_bundles", functools.partial(join_bundles, chunk_size=40))
    builds = Builds(tmp_path, monkeypatch)
    first = builds.build("first", county())
    rebuilt = builds.build("edited", edited(county(), 13, content=county()[13].content + " " + search_text("防汛")))

    def named(files: dict[Path, bytes]) -> dict[Path, bytes]:  # the files a browser may keep by their name
        return {p: data for p, data in files.items() if p.parts[1] in ("index", "fragment") or p.suffix == ".pf_meta"}

    before, after = named(first), named(rebuilt)
    assert len(before) > 30 and before.keys() != after.keys()
    assert [p for p in before.keys() & after.keys() if before[p] != after[p]] == []
    # the meta file every search loads lists the chunks under names that count up, which compress
    chunks = [name for _first, _last, name in Bundle.read(tmp_path / "edited" / "pagefind").meta[2]]
    assert len(chunks) > 3 and len({name[:-1] for name in chunks[:16]}) == 1
    assert [int(name[len("und_") + 7 :], 16) for name in chunks] == list(range(len(chunks)))


def test_a_damaged_part_in_the_cache_is_indexed_again_instead_of_failing_the_build(tmp_path, monkeypatch):
    builds = Builds(tmp_path, monkeypatch)
    first = builds.build("first", county())
    kept = sorted((tmp_path / "cache").glob(f"*/{pagefind.PART}/*/*"))
    next(kept[2].glob("fragment/*")).unlink()  # say a cache restored in part
    assert builds.build("rebuilt", county()) == first and len(builds.indexed) == 1


def test_the_index_written_beside_the_renderer_keeps_its_parts_in_the_build_cache(tmp_path):
    cache = open_cache(tmp_path / "cache")
    BackgroundIndex(county(), cache).finish(tmp_path / "site")  # in a process of its own, handed the cache
    cache.commit()
    assert list((tmp_path / "cache").glob(f"*/{pagefind.PART}/*/*/pagefind-entry.json"))
    write_search_index(county(), tmp_path / "fresh")
    index, fresh = tmp_path / "site" / "pagefind", tmp_path / "fresh" / "pagefind"
    assert {p.relative_to(index): p.read_bytes() for p in index.rglob("*") if p.is_file()} == {
        p.relative_to(fresh): p.read_bytes() for p in fresh.rglob("*") if p.is_file()
    }
