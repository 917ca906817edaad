"""Benchmark: xxgk against stock Material for MkDocs on the same pages, same run.

    python scripts/bench.py --corpus ../shared/corpus/laws --counts 250,1000

Each of N real texts becomes one document of a county (xxgk) and one plain page
(stock Material with its default navigation and search). Both builds run in
fresh processes; the table gives wall time, peak memory and site size, and
xxgk / Material as ratios. Results are also written as JSON. Without a corpus
the texts are made up from the sample content's bodies, so it runs anywhere.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from xxgk.content import load_content  # noqa: E402
from xxgk.vocabulary import default_vocabularies  # noqa: E402

STOCK_MKDOCS_YML = """site_name: Stock Material
theme:
  name: material
  language: zh
plugins:
  - search
"""


def corpus_texts(corpus: Path | None, count: int) -> list[tuple[str, str, dt.date]]:
    """(title, body, date) for `count` texts, repeating the corpus if it is smaller."""
    texts = []
    if corpus and corpus.is_dir():
        for path in sorted(corpus.rglob("*.md")):
            raw = path.read_text(encoding="utf-8")
            title = raw.splitlines()[0].lstrip("# ").strip()
            body = raw.split("<!-- INFO END -->", 1)[-1].strip()
            found = re.search(r"\((\d{4}-\d{2}-\d{2})\)", path.name)
            date = dt.date.fromisoformat(found[1]) if found else dt.date(2020, 1, 1)
            if body:
                texts.append((title, body, date))
    else:
        sample = load_content(ROOT / "content")
        texts = [(d.title, d.body, d.published) for d in sample.documents]
    if not texts:
        raise SystemExit("no texts to benchmark with")
    return [(f"{title}（{i + 1}）", body, date) for i, (title, body, date) in zip(range(count), cycle(texts))]


def write_xxgk_content(texts, folder: Path) -> None:
    shutil.copyfile(ROOT / "content" / "站点.yml", folder / "站点.yml")
    shutil.copyfile(ROOT / "content" / "单位.yml", folder / "单位.yml")
    units = load_content(ROOT / "content").units
    categories = cycle(term.name for term in default_vocabularies()["信息类别"].terms)
    serials: dict[tuple[str, int], int] = {}
    for (title, body, date), unit, category in zip(texts, cycle(units), categories):
        year = max(date.year, 1990)
        serial = serials[(unit.code, year)] = serials.get((unit.code, year), 0) + 1
        path = folder / unit.name / str(year) / f"{serial:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        title = title.replace('"', "'")
        path.write_text(
            f'---\n标题: "{title}"\n索引号: "{unit.code}/{year}-{serial:05d}"\n发布机构: {unit.name}\n'
            f"成文日期: {date}\n发布日期: {date}\n信息类别: {category}\n主题分类: 综合政务\n---\n{body}\n",
            encoding="utf-8")


def write_stock_project(texts, folder: Path) -> None:
    (folder / "mkdocs.yml").write_text(STOCK_MKDOCS_YML, encoding="utf-8")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Stock Material\n", encoding="utf-8")
    for number, (title, body, _) in enumerate(texts):
        (docs / f"p{number:05d}.md").write_text(f"# {title}\n\n{body}\n", encoding="utf-8")


def measure(command: list[str], cwd: Path) -> dict:
    """Run a build in a fresh process: seconds, peak memory of that process, exit code."""
    wrapper = ("import resource, subprocess, sys, json; "
               "code = subprocess.run(sys.argv[1:]).returncode; "
               "print(json.dumps([code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", wrapper, *command], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    seconds = time.perf_counter() - start
    code, peak_kib = json.loads(done.stdout.strip().splitlines()[-1])
    if code != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{done.stderr[-3000:]}")
    return {"seconds": round(seconds, 2), "peak_mib": round(peak_kib / 1024, 1)}


def site_size(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"site_mib": round(sum(p.stat().st_size for p in files) / 2**20, 1), "files": len(files)}


def run(count: int, corpus: Path | None, work: Path) -> dict:
    texts = corpus_texts(corpus, count)
    xxgk_dir, stock_dir = work / f"xxgk-{count}", work / f"stock-{count}"
    (xxgk_dir / "content").mkdir(parents=True)
    stock_dir.mkdir()
    write_xxgk_content(texts, xxgk_dir / "content")
    write_stock_project(texts, stock_dir)
    xxgk_bin = str(Path(sys.executable).with_name("xxgk"))
    ours = measure([xxgk_bin, "build", "--content", str(xxgk_dir / "content"), "--site", str(xxgk_dir / "site"),
                    "--config", str(ROOT / "mkdocs.yml"), "--date", "2026-11-27"], ROOT)
    ours |= site_size(xxgk_dir / "site")
    stock = measure([sys.executable, "-m", "mkdocs", "build", "--quiet"], stock_dir)
    stock |= site_size(stock_dir / "site")
    return {"documents": count, "xxgk": ours, "material": stock,
            "ratio": {key: round(ours[key] / stock[key], 3) for key in ("seconds", "peak_mib", "site_mib")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "laws")
    parser.add_argument("--counts", default="250,1000", help="comma-separated document counts")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory(prefix="xxgk-bench-") as work:
        for count in (int(c) for c in args.counts.split(",")):
            results.append(run(count, args.corpus, Path(work)))
            r = results[-1]
            print(f"{count:>6} docs | xxgk {r['xxgk']['seconds']:>7.1f} s {r['xxgk']['peak_mib']:>7.0f} MiB "
                  f"{r['xxgk']['site_mib']:>8.1f} MiB site | Material {r['material']['seconds']:>7.1f} s "
                  f"{r['material']['peak_mib']:>7.0f} MiB {r['material']['site_mib']:>8.1f} MiB site | "
                  f"ratio time {r['ratio']['seconds']:.2f} memory {r['ratio']['peak_mib']:.2f} "
                  f"size {r['ratio']['site_mib']:.3f}", flush=True)
    args.json.write_text(json.dumps({"corpus": str(args.corpus), "results": results}, ensure_ascii=False, indent=2),
                         encoding="utf-8")
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
