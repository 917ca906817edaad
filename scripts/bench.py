"""Benchmark: xxgk against the floor, the peer and stock Material on the same pages, same run.

    python scripts/bench.py --docs 1000,10000
    python scripts/bench.py --large          # also 100,000 documents (xxgk and the floor only)
    python scripts/bench.py --corpus ../shared/corpus/laws

N documents of realistic Chinese text (made from the sample county's bodies,
spread over its units, categories and six years), or the texts of a folder of
Markdown files, become one xxgk county and one set of plain pages. Builds, each
in a fresh process, in the same run:
- xxgk, with the seconds of each of its stages (`xxgk build --timings`); then with an
  empty build cache, and after the searches twice more after one edit each: as CI
  rebuilds (the kept cache, no site yet) and as `make site` does (the last site replaced);
- the floor: Material rendering the same pages, the documents out of the
  navigation (`not_in_nav`), no search plugin: what a competent user would build;
- the peer: the floor plus Pagefind (extended) indexing its output;
- stock Material with its default navigation and zh search (quadratic in the
  pages: kept for the README, skipped with --no-stock and at 100,000).
The sites are then served on 127.0.0.1 and searched in headless Chromium.
Printed per site: wall time, peak memory, site bytes per document; for xxgk the
bytes and time of a first search for each of the corpus' ten most common words
and the longest unit name, and recall and precision of phrase queries of 2 to 6
characters drawn from the texts, against the documents that truly contain
them. Results are also written as JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from xxgk.checks.content import load_content  # noqa: E402
from xxgk.search.records import plain_body  # noqa: E402

HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
# A Markdown link or picture in a sample paragraph: its target is another sample file, absent here.
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
STOCK_MKDOCS_YML = """site_name: Stock Material
theme:
  name: material
  language: zh
plugins:
  - search:
      lang: zh
"""


@dataclass
class Text:
    title: str
    body: str
    date: dt.date


# -- the texts ---------------------------------------------------------------------------


def generated_texts(count: int, seed: int = 7) -> list[Text]:
    """Documents recombined from the sample county's paragraphs: real vocabulary, varied content."""
    sample = load_content(ROOT / "content")
    paragraphs = [
        LINK.sub(r"\1", p.strip())
        for d in sample.documents
        for p in d.body.split("\n\n")
        if len(HAN_RUN.findall(p)) > 2 and not p.lstrip().startswith("|")
    ]
    titles = [d.title for d in sample.documents]
    rng = random.Random(seed)
    texts = []
    for number in range(count):
        body = "\n\n".join(rng.sample(paragraphs, rng.randint(3, 14)))
        date = dt.date(2021, 1, 4) + dt.timedelta(days=rng.randint(0, 5 * 365))
        texts.append(Text(f"{rng.choice(titles)}（第{number + 1}号）", body, date))
    return texts


def corpus_texts(corpus: Path, count: int | None) -> list[Text]:
    texts = []
    for path in sorted(corpus.rglob("*.md")):
        raw = path.read_text(encoding="utf-8")
        body = raw.split("<!-- INFO END -->", 1)[-1].strip()
        found = re.search(r"\((\d{4}-\d{2}-\d{2})\)", path.name)
        if body:
            texts.append(
                Text(
                    raw.splitlines()[0].lstrip("# ").strip(),
                    body,
                    dt.date.fromisoformat(found[1]) if found else dt.date(2020, 1, 1),
                )
            )
    return texts[:count] if count else texts


# -- the two projects ----------------------------------------------------------------


def write_xxgk_content(texts: list[Text], folder: Path) -> list[str]:
    """The texts as documents of the sample county; returns each document's address."""
    # The sample's 专题 may list its own documents by 索引号, which the generated county lacks.
    settings = (ROOT / "content" / "站点.yml").read_text(encoding="utf-8")
    (folder / "站点.yml").write_text(re.sub(r"(?m)^ +索引号: \[.*\]\n", "", settings), encoding="utf-8")
    shutil.copyfile(ROOT / "content" / "单位.yml", folder / "单位.yml")
    sample = load_content(ROOT / "content")
    categories = [t.name for t in sample.config.vocabularies["信息类别"].terms]
    topics = [t.name for t in sample.config.vocabularies["主题分类"].terms]
    serials: dict[tuple[str, int], int] = {}
    urls = []
    for number, text in enumerate(texts):
        unit = sample.units[number % len(sample.units)]
        year = max(text.date.year, 1990)
        serial = serials[(unit.code, year)] = serials.get((unit.code, year), 0) + 1
        path = folder / unit.name / str(year) / f"{serial:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        title = text.title.replace('"', "'")
        path.write_text(
            f'---\n标题: "{title}"\n索引号: "{unit.code}/{year}-{serial:05d}"\n发布机构: {unit.name}\n'
            f"成文日期: {text.date}\n发布日期: {text.date}\n信息类别: {categories[number % len(categories)]}\n"
            f"主题分类: {topics[number % len(topics)]}\n---\n{text.body}\n",
            encoding="utf-8",
        )
        urls.append(f"doc/{unit.code}/{year}-{serial:05d}/")
    return urls


FLOOR_MKDOCS_YML = """site_name: Floor
theme:
  name: material
  language: zh
plugins: []
nav:
  - index.md
not_in_nav: |
  /p*.md
"""


def write_stock_project(texts: list[Text], folder: Path, config: str = STOCK_MKDOCS_YML) -> list[str]:
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Stock Material\n", encoding="utf-8")
    for number, text in enumerate(texts):
        (docs / f"p{number:05d}.md").write_text(f"# {text.title}\n\n{text.body}\n", encoding="utf-8")
    return [f"p{number:05d}/" for number in range(len(texts))]


# -- measuring -----------------------------------------------------------------------------


def measure(command: list[str], cwd: Path) -> dict:
    """Run a build in a fresh process: seconds and the peak memory of its largest process."""
    wrapper = (
        "import resource, subprocess, sys, json; "
        "code = subprocess.run(sys.argv[1:]).returncode; "
        "print(json.dumps([code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    seconds = time.perf_counter() - start
    code, peak_kib = json.loads(done.stdout.strip().splitlines()[-1])
    if code != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{done.stderr[-3000:]}")
    return {"seconds": round(seconds, 1), "peak_mib": round(peak_kib / 1024)}


def site_size(folder: Path, documents: int) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    return {"site_mib": round(total / 2**20, 1), "files": len(files), "bytes_per_document": round(total / documents)}


def phrase_queries(texts: list[Text], count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        runs = HAN_RUN.findall(rng.choice(texts).body)
        if not runs:
            continue
        run = rng.choice(runs)
        length = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - length)
        if run[start : start + length] not in queries:
            queries.append(run[start : start + length])
    return queries


def truth(texts: list[Text], urls: list[str], query: str) -> set[str]:
    return {url for text, url in zip(texts, urls) if query in text.title or query in plain_body(text.body)}


def score(found: set[str], expected: set[str]) -> tuple[float, float]:
    recall = len(found & expected) / len(expected) if expected else 1.0
    precision = len(found & expected) / len(found) if found else 1.0
    return recall, precision


def fragment_urls(site: Path) -> dict[str, str]:
    """Pagefind's fragment id -> the document address it stands for."""
    urls = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(fragment.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd"))
        urls[fragment.stem] = data["url"].lstrip("/")
    return urls


# In the page, not from the driver: the time from the query's input event to the results
# on screen, without Playwright's round trips (a few hundred ms on this machine).
RESULTS_CLOCK = """() => {
  const input = document.querySelector("#xxgk-search-q");
  input.addEventListener("input", () => { window.benchTyped ??= performance.now(); });
  new MutationObserver((changes, observer) => {
    if (document.querySelector(".xxgk-results__summary")) {
      window.benchResultsShown = performance.now();
      observer.disconnect();
    }
  }).observe(document.querySelector(".xxgk-results"), { childList: true, subtree: true });
}"""


# A phone's screen, where the facet counts wait until the reader opens 筛选.
PHONE = {"width": 360, "height": 780}


def typed_search(page, base: str, query: str) -> tuple[int, dict[str, int], int]:
    """The 检索 page opened and `query` typed: wire bytes (all, and by file kind) and ms to the results."""
    page.goto(base + "search/")
    downloaded: list[tuple[str, int]] = []
    page.on(
        "response",
        lambda r: downloaded.append((r.url, wire_bytes(r.headers.get("content-type", ""), r.body()) if r.ok else 0)),
    )
    page.evaluate(RESULTS_CLOCK)
    page.fill("#xxgk-search-q", query)
    page.wait_for_selector(".xxgk-results__summary")
    page.wait_for_load_state("networkidle")
    milliseconds = page.evaluate("window.benchResultsShown - window.benchTyped")
    breakdown: dict[str, int] = {}
    for url, size in downloaded:
        kind = re.sub(r"[._][0-9a-f]{5,}", "", url.rsplit("/pagefind/", 1)[-1]).split("/")[0]
        breakdown[kind] = breakdown.get(kind, 0) + size
    return sum(size for _url, size in downloaded), breakdown, round(milliseconds)


def search_xxgk(chromium, base: str, queries: list[str], texts, urls, site: Path) -> dict:
    from browser import probe_search

    phone = chromium.new_page(viewport=PHONE)
    phone_bytes, _breakdown, _ms = typed_search(phone, base, queries[0])
    phone.close()
    page = chromium.new_page()
    probe_search(page)  # window.xxgkSearch.ids: every result of a query, as the page finds them
    first_bytes, breakdown, first_ms = typed_search(page, base, queries[0])
    recalls, precisions = [], []
    by_id = fragment_urls(site)
    for query in queries:
        found = {by_id[i] for i in page.evaluate("q => window.xxgkSearch.ids(q)", query)}
        recall, precision = score(found, truth(texts, urls, query))
        recalls.append(recall)
        precisions.append(precision)
    page.close()
    return {
        "first_search_bytes": first_bytes,
        "first_search_phone_bytes": phone_bytes,
        "first_search_files": breakdown,
        "first_results_ms": first_ms,
        "recall": round(sum(recalls) / len(recalls), 3),
        "precision": round(sum(precisions) / len(precisions), 3),
        "queries_with_full_recall": sum(r == 1.0 for r in recalls),
    }


COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def wire_bytes(content_type: str, body: bytes) -> int:
    """Bytes on the wire from a server that gzips text, as the README's nginx setup does.

    Pagefind's index files and WebAssembly are gzip already and count as they are.
    """
    return len(gzip.compress(body, compresslevel=6)) if content_type.startswith(COMPRESSED_TYPES) else len(body)


def material_search_bytes(site: Path) -> int:
    """What Material's first search downloads: the whole index, the search worker and lunr's zh support."""
    files = [
        site / "search" / "search_index.json",
        *site.glob("assets/javascripts/workers/search.*.js"),
        *site.glob("assets/javascripts/lunr/min/lunr.zh.min.js"),
        *site.glob("assets/javascripts/lunr/min/lunr.stemmer.support.min.js"),
    ]
    return sum(wire_bytes("application/json", f.read_bytes()) for f in files if f.is_file())


MATERIAL_WORKER_SEARCH = """async (queries) => {
  // Material's own search worker, driven by its message protocol (setup 0, ready 1,
  // query 2, result 3), returns every result instead of the few its panel renders.
  const config = JSON.parse(document.querySelector("#__config").textContent);
  const index = await (await fetch("search/search_index.json")).json();
  const worker = new Worker(new URL(config.search, location.href));
  const next = () => new Promise((resolve) => worker.addEventListener("message", (e) => resolve(e.data), { once: true }));
  const ready = next();
  worker.postMessage({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  await ready;
  const out = [];
  for (const query of queries) {
    const answer = next();
    worker.postMessage({ type: 2, data: query });
    const result = (await answer).data;
    out.push(result.items.map((group) => group[0].location));
  }
  worker.terminate();
  return out;
}"""


def search_material(chromium, base: str, queries: list[str], texts, urls) -> dict:
    page = chromium.new_page()
    page.goto(base)
    page.set_default_timeout(900_000)
    answers = page.evaluate(MATERIAL_WORKER_SEARCH, queries)
    page.close()
    recalls, precisions = [], []
    for query, locations in zip(queries, answers):
        found = {location.split("#")[0] for location in locations}
        recall, precision = score(found, truth(texts, urls, query))
        recalls.append(recall)
        precisions.append(precision)
    return {
        "recall": round(sum(recalls) / len(recalls), 3),
        "precision": round(sum(precisions) / len(precisions), 3),
        "queries_with_full_recall": sum(r == 1.0 for r in recalls),
    }


def pagefind_command(site: Path) -> list[str]:
    from pagefind_bin_extended import get_executable

    return [str(get_executable()), "--site", str(site), "--quiet"]


def common_words(texts: list[Text], count: int = 10) -> list[str]:
    """The corpus' most frequent words of two or more characters (jieba's segmentation)."""
    import jieba

    jieba.setLogLevel(60)
    counts: dict[str, int] = {}
    for text in texts:
        for word in jieba.cut(plain_body(text.body)):
            if len(word) > 1 and HAN_RUN.fullmatch(word):
                counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))[:count]


def run(
    texts: list[Text],
    work: Path,
    query_count: int,
    material_search: bool = True,
    preview: bool = False,
    stock_material: bool = True,
) -> dict:
    label = str(len(texts))
    xxgk_dir, floor_dir, stock_dir = work / f"xxgk-{label}", work / f"floor-{label}", work / f"stock-{label}"
    (xxgk_dir / "content").mkdir(parents=True)
    floor_dir.mkdir()
    xxgk_urls = write_xxgk_content(texts, xxgk_dir / "content")
    write_stock_project(texts, floor_dir, FLOOR_MKDOCS_YML)
    xxgk_bin = str(Path(sys.executable).with_name("xxgk"))
    timings = work / f"timings-{label}.json"
    build = [
        xxgk_bin,
        "build",
        "--content",
        str(xxgk_dir / "content"),
        "--site",
        str(xxgk_dir / "site"),
        "--config",
        str(ROOT / "mkdocs.yml"),
        "--date",
        "2026-11-27",
        "--cache",
        str(xxgk_dir / "cache"),
        "--timings",
        str(timings),
    ]
    ours = measure([*build, "--no-cache"], ROOT)  # the full build, all done afresh
    ours |= site_size(xxgk_dir / "site", len(texts))
    ours["stages"] = json.loads(timings.read_text(encoding="utf-8"))
    first = measure(build, ROOT)  # with an empty cache, as a county's first build in CI: fills it
    ours["cached_first_seconds"], ours["cached_first_peak_mib"] = first["seconds"], first["peak_mib"]
    floor = measure([sys.executable, "-m", "mkdocs", "build", "--quiet"], floor_dir)
    floor |= site_size(floor_dir / "site", len(texts))
    pagefind = measure(pagefind_command(floor_dir / "site"), floor_dir)
    peer = {
        "seconds": round(floor["seconds"] + pagefind["seconds"], 1),
        "peak_mib": max(floor["peak_mib"], pagefind["peak_mib"]),
        "pagefind_seconds": pagefind["seconds"],
        "pagefind_peak_mib": pagefind["peak_mib"],
    }
    result = {"documents": len(texts), "xxgk": ours, "floor": floor, "peer": peer}
    if stock_material:
        stock_dir.mkdir()
        stock_urls = write_stock_project(texts, stock_dir)
        result["material"] = measure([sys.executable, "-m", "mkdocs", "build", "--quiet"], stock_dir)
        result["material"] |= site_size(stock_dir / "site", len(texts))
    if query_count:
        from browser import browser, serve

        queries = phrase_queries(texts, query_count)
        probes = [*common_words(texts), max((u.name for u in load_content(ROOT / "content").units), key=len)]
        with browser() as chromium:
            with serve(xxgk_dir / "site") as base:
                ours |= search_xxgk(chromium, base, queries, texts, xxgk_urls, xxgk_dir / "site")
                ours["first_searches"] = [first_search(chromium, base, probe) for probe in probes]
            if stock_material and material_search:
                with serve(stock_dir / "site") as base:
                    result["material"] |= search_material(chromium, base, queries, texts, stock_urls)
        if stock_material:
            result["material"]["first_search_bytes"] = material_search_bytes(stock_dir / "site")
    # After the searches (the edit adds words). CI after a clerk changed one document's text: a fresh
    # checkout with the cache the last run kept and no site yet (as the full build had none), one file edited.
    documents = sorted((xxgk_dir / "content").rglob("*.md"))
    edit(documents[len(texts) // 3], "本文件已更新。")
    shutil.rmtree(xxgk_dir / "site")
    rebuild = measure(build, ROOT)
    ours["rebuild_seconds"], ours["rebuild_peak_mib"] = rebuild["seconds"], rebuild["peak_mib"]
    ours["rebuild_stages"] = json.loads(timings.read_text(encoding="utf-8"))
    ours["rebuild vs full"] = round(rebuild["seconds"] / ours["seconds"], 3)
    ours["rebuild vs first with the cache"] = round(rebuild["seconds"] / first["seconds"], 3)
    # On a clerk's machine, `make site` again after another edit: the last site is there, and replaced.
    edit(documents[len(texts) // 3 + 1], "本文件已更新。")
    again = measure(build, ROOT)
    ours["rebuild_in_place_seconds"] = again["seconds"]
    ours["rebuild in place vs full"] = round(again["seconds"] / ours["seconds"], 3)
    if preview:
        ours |= measure_preview(
            xxgk_dir / "content", xxgk_dir, sorted((xxgk_dir / "content").rglob("*.md"))[len(texts) // 2]
        )
    result["ratio"] = {
        f"{key} vs {name}": round(ours[key] / other[key], 3)
        for name in ("peer", "floor", "material")
        if (other := result.get(name))
        for key in ("seconds", "peak_mib")
        if other.get(key)
    }
    for name in ("xxgk", "floor", "peer", "material"):
        shutil.rmtree(work / f"{name}-{label}" / "site", ignore_errors=True)  # 100,000 pages fill a disk
    shutil.rmtree(xxgk_dir / "cache", ignore_errors=True)
    return result


def first_search(chromium, base: str, query: str) -> dict:
    """A reader's first search for `query` on a fresh page: wire bytes and milliseconds to the results."""
    page = chromium.new_page()
    downloaded: list[int] = []
    page.on("response", lambda r: downloaded.append(wire_bytes(r.headers.get("content-type", ""), r.body())))
    page.goto(base + "search/")
    page.wait_for_load_state("networkidle")
    before = sum(downloaded)
    page.evaluate(RESULTS_CLOCK)
    page.fill("#xxgk-search-q", query)
    page.wait_for_selector(".xxgk-results__summary", timeout=120_000)
    page.wait_for_load_state("networkidle")
    milliseconds = page.evaluate("window.benchResultsShown - window.benchTyped")
    page.close()
    return {"query": query, "ms": round(milliseconds), "search_bytes": sum(downloaded) - before}


def measure_preview(content: Path, work: Path, edit: Path, timeout: float = 900) -> dict:
    """`make serve` on the content: seconds to first serve, then from saving an edit to seeing it."""
    import urllib.request

    from browser import free_port

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("docs_dir: docs", f"docs_dir: {ROOT / 'docs'}")
    config = config.replace("content: content", f"content: {content}")
    (work / "preview.yml").write_text(config, encoding="utf-8")
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "-f",
            str(work / "preview.yml"),
            "-a",
            f"127.0.0.1:{port}",
        ],
        cwd=work,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    page_url = f"http://127.0.0.1:{port}/" + edit_url(edit, content)

    def page_text() -> str:
        try:
            with urllib.request.urlopen(page_url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        while "索引号" not in page_text():
            if time.perf_counter() - started > timeout or server.poll() is not None:
                raise SystemExit("the preview did not start")
            time.sleep(0.5)
        first = time.perf_counter() - started
        time.sleep(2)  # let the watcher settle
        marker = f"预览修改{int(time.time())}"
        text = edit.read_text(encoding="utf-8")
        saved = time.perf_counter()
        edit.write_text(text.replace("\n---\n", f"\n---\n{marker}\n\n", 1), encoding="utf-8")
        while marker not in page_text():
            if time.perf_counter() - saved > timeout:
                raise SystemExit("the edit never showed")
            time.sleep(0.1)
        return {
            "preview_first_serve_s": round(first, 1),
            "preview_edit_visible_s": round(time.perf_counter() - saved, 1),
        }
    finally:
        # Ctrl+C, as a clerk stops it: MkDocs then removes its temporary site (460 MB at 10,000)
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def edit(path: Path, sentence: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def edit_url(path: Path, content: Path) -> str:
    match = re.search(r'索引号: "([0-9A-Z]{18})/(\d{4}-\d{5})"', path.read_text(encoding="utf-8"))
    return f"doc/{match[1]}/{match[2]}/"


def print_row(result: dict) -> None:
    for name in ("xxgk", "floor", "peer", "material"):
        r = result.get(name)
        if not r:
            continue
        extra = f" | first search {r['first_search_bytes'] / 1024:8.0f} KiB" if "first_search_bytes" in r else ""
        extra += f" ({r['first_search_phone_bytes'] / 1024:.0f} on a phone)" if "first_search_phone_bytes" in r else ""
        extra += (
            f" | preview: first {r['preview_first_serve_s']} s, edit shown in {r['preview_edit_visible_s']} s"
            if "preview_edit_visible_s" in r
            else ""
        )
        extra += (
            f" | recall {r['recall']:.3f} precision {r['precision']:.3f}"
            if "recall" in r
            else (f" | {r['search']}" if "search" in r else "")
        )
        extra += (
            f" | Pagefind {r['pagefind_seconds']} s, {r['pagefind_peak_mib']} MiB" if "pagefind_seconds" in r else ""
        )
        size = (
            f" | {r['bytes_per_document'] / 1024:7.1f} KiB/doc | {r['site_mib']:8.1f} MiB site"
            if "site_mib" in r
            else ""
        )
        print(
            f"{result['documents']:>6} docs {name:>8} | {r['seconds']:7.1f} s | {r['peak_mib']:6d} MiB peak{size}{extra}",
            flush=True,
        )
        if "rebuild_seconds" in r:
            print(
                f"{'':>6}      first build with an empty cache: {r['cached_first_seconds']} s, "
                f"{r['cached_first_peak_mib']} MiB peak; then one document edited: {r['rebuild_seconds']} s "
                f"({r['rebuild vs full']:.0%} of the full build, {r['rebuild vs first with the cache']:.0%} of the "
                f"first), {r['rebuild_peak_mib']} MiB peak; another, replacing the last site: "
                f"{r['rebuild_in_place_seconds']} s ({r['rebuild in place vs full']:.0%})",
                flush=True,
            )
    stages = result["xxgk"]["stages"]
    total = stages["total"] or 1
    shown = [(k, v) for k, v in stages.items() if isinstance(v, float | int) and k != "total"]
    print(
        f"{'':>6}      xxgk stages: " + ", ".join(f"{k} {v:.1f} s ({v / total:.0%})" for k, v in shown),
        flush=True,
    )
    print(
        f"{'':>6}      in the background: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages["background"].items()),
        flush=True,
    )
    for probe in result["xxgk"].get("first_searches", []):
        print(
            f"{'':>6}      first search 「{probe['query']}」: {probe['ms']} ms, {probe['search_bytes'] / 1024:.0f} KiB"
        )
    print(f"{'':>6}      ratios: " + ", ".join(f"{k} {v:.2f}" for k, v in result["ratio"].items()), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--docs", default="1000,10000", help="comma-separated counts of generated documents")
    source.add_argument("--corpus", type=Path, help="a folder of Markdown texts, e.g. ../shared/corpus/laws")
    parser.add_argument("--limit", type=int, help="with --corpus: use at most this many texts")
    parser.add_argument("--queries", type=int, default=50, help="phrase queries for recall and precision (0: none)")
    parser.add_argument(
        "--no-material-search",
        action="store_true",
        help="skip searching stock Material (its browser index takes minutes at 10,000 pages)",
    )
    parser.add_argument(
        "--preview", action="store_true", help="also time make serve: first serve, and an edit until it shows"
    )
    parser.add_argument("--no-stock", action="store_true", help="skip stock Material (its navigation is quadratic)")
    parser.add_argument(
        "--large", action="store_true", help="also 100,000 documents: xxgk, the floor and the peer (an hour or more)"
    )
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    args = parser.parse_args()
    counts = [] if args.corpus else [int(n) for n in args.docs.split(",")] + ([100_000] if args.large else [])
    results = []
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as work:
        for count in counts or [None]:
            texts = corpus_texts(args.corpus, args.limit) if count is None else generated_texts(count)
            stock = not args.no_stock and len(texts) <= 20_000
            results.append(
                run(texts, Path(work), args.queries, not args.no_material_search, args.preview, stock_material=stock)
            )
            print_row(results[-1])
            del texts
    args.json.write_text(
        json.dumps({"source": str(args.corpus or "generated"), "results": results}, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
