"""Loading the whole content folder into one checked model."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from xxgk.checks.collection import check_collection, resolve_doc_numbers
from xxgk.checks.interpretations import check_interpretations
from xxgk.checks.personal_data.gate import check_personal_data, check_staff_file, mask_problem
from xxgk.checks.plans import check_overdue_tasks, check_plans
from xxgk.checks.register_rows import check_market_rules, check_new_media, check_register_links
from xxgk.checks.service_guides import check_guide_names, check_stale_guides
from xxgk.checks.site_files import check_docs_folder, check_site_images
from xxgk.model.build_cache import BuildCache, file_hash, key_of, value_bytes
from xxgk.model.channels import check_channels
from xxgk.model.config import CONFIG_FILE, SiteConfig, load_config
from xxgk.model.consultations import check_consultation_fields, check_consultations
from xxgk.model.documents import Document, check_document, written_index_numbers
from xxgk.model.ledger import Ledger, load_ledger
from xxgk.model.lifecycle import check_declared_endings
from xxgk.model.problems import Problem, errors, shown_path, sort_problems
from xxgk.model.register_kinds import Register
from xxgk.model.registers import load_registers
from xxgk.model.report_format import REPORTS_FOLDER, AnnualReport
from xxgk.model.report_rules import check_deadlines
from xxgk.model.reports import load_reports
from xxgk.model.sources import StaffFile
from xxgk.model.specials import check_special_documents
from xxgk.model.task_progress import load_progress
from xxgk.model.units import UNITS_FILE, Unit, load_units


@dataclass
class Content:
    config: SiteConfig
    units: list[Unit]
    documents: list[Document]
    problems: list[Problem] = field(default_factory=list)
    reports: list[AnnualReport] = field(default_factory=list)  # 年度报告 from content/年报/, checked
    registers: list[Register] = field(default_factory=list)  # 权责清单 and 标准目录, checked
    progress: list[Register] = field(default_factory=list)  # 任务进展, one per unit, checked
    ledger: Ledger = field(default_factory=Ledger)  # the plans' tasks with the progress joined
    # With the build cache: id of a document in `documents` -> a key of all it was loaded from (its
    # file's bytes, what it was checked against, the files it names), which stands for it in the
    # cache's keys instead of a hash of the whole document.
    document_keys: dict[int, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


def document_files(content_dir: Path) -> list[Path]:
    """Every document file: *.md anywhere below, except in folders named _… or .… (drafts)."""
    return [path for path, _signature in _documents_below(content_dir)]


def _documents_below(content_dir: Path) -> list[tuple[Path, tuple]]:
    """Every document file, sorted, with what says it changed: its own time and size, and those of
    the other files beside it (its attachments, 图解 and recordings). One pass of os.scandir, which
    the preview repeats on every save: a fraction of Path.rglob's time at ten thousand files."""
    found = []
    folders = [(str(content_dir), ())]
    while folders:
        folder, parts = folders.pop()
        documents, beside = [], []
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(("_", ".")):  # drafts and hidden files are not published
                    continue
                if entry.is_dir():
                    folders.append((entry.path, (*parts, entry.name)))
                elif entry.is_file():
                    stat = entry.stat()
                    named = (entry.name, stat.st_mtime_ns, stat.st_size)
                    (documents if entry.name.endswith(".md") else beside).append(named)
        others = tuple(sorted(beside))
        found += [((*parts, name), (mtime, size, others)) for name, mtime, size in documents]
    found.sort()  # as Path sorts: part by part
    return [(Path(content_dir, *parts), signature) for parts, signature in found]


@dataclass
class DocumentCache:
    """What each document file gave last time, for the preview's rebuilds.

    A file is read again when it, a file beside it other than a document (its
    attachments), the site configuration or the unit registry changed; the rest
    keep their Document objects, so the pages generated from them can be reused too.
    """

    context: tuple = ()
    entries: dict[Path, tuple] = field(default_factory=dict)
    pages: dict = field(default_factory=dict)  # generated pages, see pages.generate_site

    def reset_if_changed(self, context: tuple) -> None:
        if context != self.context:
            self.context, self.entries, self.pages = context, {}, {}


def load_content(
    content_dir: Path, cache: DocumentCache | None = None, as_of: dt.date | None = None, kept: BuildCache | None = None
) -> Content:
    """Load and check everything; problems holds every error and warning found.

    `as_of` is the build date, for the checks that depend on it (build and check pass it).
    `kept`: the build cache, where each document file's result is kept for the next build.
    """
    content_dir = Path(content_dir)
    config, problems = load_config(content_dir)
    units, unit_problems = load_units(content_dir, config.vocabularies["单位类型"])
    problems += unit_problems
    if not units and errors(unit_problems):
        # Every document, report and register names a unit: without the registry each would say so.
        shown = shown_path(content_dir / UNITS_FILE)
        message = "单位名册读不出来，其他文件都还没有检查：请先改正单位名册中的错误"
        problems.append(Problem(shown, None, None, message, warning=True))
        return Content(config, units, [], sort_problems(problems))
    problems += check_channels(
        units, config.office, shown_path(content_dir / UNITS_FILE), shown_path(content_dir / CONFIG_FILE)
    )
    if cache is not None:
        cache.reset_if_changed(tuple(_stat(content_dir / name) for name in (CONFIG_FILE, UNITS_FILE)))
    documents = []
    declared: dict[str, list[Path]] = {}
    # What every document's checks read besides its own file and those it names.
    context = key_of(
        value_bytes((str(content_dir.absolute()), os.getcwd(), units, config.vocabularies, config.max_attachment_mb))
    )
    loaded: dict[int, tuple[Document, str]] = {}  # holds the loaded documents, so their ids stay theirs
    for path, signature in _documents_below(content_dir):
        if kept is not None:
            document, document_problems, numbers, key = _load_kept(path, content_dir, units, config, kept, context)
            if document:
                loaded[id(document)] = (document, key)
        elif cache is not None:
            entry = cache.entries.get(path)
            if entry is None or entry[0] != signature:
                entry = cache.entries[path] = (signature, *_load_one(path, content_dir, units, config))
            _, document, document_problems, numbers = entry
        else:
            document, document_problems, numbers = _load_one(path, content_dir, units, config)
        problems += document_problems
        for number in numbers:
            declared.setdefault(number, []).append(path)
        if document:
            documents.append(document)
    documents, resolved = resolve_doc_numbers(documents)
    # A document whose relations were resolved is a new object, keyed by its whole self.
    document_keys = {id(d): found[1] for d in documents if (found := loaded.get(id(d))) and found[0] is d}
    problems += resolved + check_collection(documents, declared) + check_consultation_fields(documents)
    problems += check_special_documents(config.specials, documents, shown_path(content_dir / CONFIG_FILE))
    if as_of is not None:
        problems += check_consultations(documents, config.consultation, as_of)
        problems += check_declared_endings(documents, as_of)
        problems += check_interpretations(documents, config.interpretation, as_of)
    reports, report_problems = load_reports(content_dir, units, documents)
    problems += report_problems
    registers, register_problems = load_registers(content_dir, units, config.vocabularies)
    problems += register_problems + check_guide_names(registers) + check_register_links(registers, documents)
    if as_of is not None:
        problems += check_stale_guides(registers, as_of) + check_new_media(registers, as_of)
        problems += check_market_rules(registers, as_of)
    progress, progress_problems = load_progress(content_dir, units, config.vocabularies)
    ledger, ledger_problems = load_ledger(documents, units, progress, config.county)
    problems += progress_problems + ledger_problems + check_plans(ledger)
    problems = [mask_problem(problem) for problem in problems + _personal_data_in_settings(content_dir)]
    return Content(
        config, units, documents, sort_problems(problems), reports, registers, progress, ledger, document_keys
    )


def _personal_data_in_settings(content_dir: Path) -> list[Problem]:
    # Registers are scanned cell by cell as they load; these files are published as they are written.
    reports = sorted((content_dir / REPORTS_FOLDER).rglob("*.yml")) if (content_dir / REPORTS_FOLDER).is_dir() else []
    paths = [content_dir / CONFIG_FILE, content_dir / UNITS_FILE, *reports]
    return [
        problem
        for path in paths
        if path.is_file() and not any(part.startswith(("_", ".")) for part in path.relative_to(content_dir).parts)
        for problem in check_staff_file(StaffFile.read(path))
    ]


def check_content(
    content_dir: Path,
    as_of: dt.date,
    docs_dir: Path | None = None,
    cache: DocumentCache | None = None,
    kept: BuildCache | None = None,
) -> Content:
    """Everything a build of `as_of` would refuse or warn about, sorted: the one check.

    `xxgk check`, `xxgk build`, the MkDocs plugin (and so `mkdocs serve`), pre-commit and
    the workflows all call this. `docs_dir` is where the images 站点.yml names must be.
    """
    content = load_content(content_dir, cache=cache, as_of=as_of, kept=kept)
    problems = check_deadlines(content_dir, content.units, content.reports, content.documents, as_of)
    problems += check_overdue_tasks(content.ledger, as_of)
    if docs_dir is not None:
        problems += check_site_images(content.config, content_dir, docs_dir) + check_docs_folder(docs_dir)
    content.problems = sort_problems(content.problems + problems)
    return content


def _load_one(path: Path, content_dir: Path, units: list[Unit], config: SiteConfig, file: StaffFile | None = None):
    file = file or StaffFile.read(path)  # the one read: the check, the gate and the 索引号 scan share it
    document, problems = check_document(
        file, content_dir, units, config.vocabularies, int(config.max_attachment_mb * 2**20)
    )
    return document, problems + check_personal_data(file, document), written_index_numbers(file)


def _load_kept(path: Path, content_dir: Path, units: list[Unit], config: SiteConfig, kept: BuildCache, context: str):
    """`_load_one`, or what it gave the last build for the same bytes, context and named files;
    and a key of all these, which stands for the document in other keys.

    Only a document that loaded is kept, with the files it names (attachments, 图解, recordings)
    by their bytes and where they lead: any of them changed, and the document is checked again.
    """
    file = StaffFile.read(path)
    key = key_of(context, str(path), file.raw)
    data = kept.get("document", key)
    if data is not None:
        try:
            document, problems, numbers, named = pickle.loads(data)
        except Exception:  # an entry from a build that was killed or a different pickle: read again
            named = None
        if named is not None and _named_files(document) == named:
            return document, problems, numbers, key_of(key, value_bytes(named))
    document, problems, numbers = _load_one(path, content_dir, units, config, file)
    named = _named_files(document) if document is not None else None
    if named is not None:
        kept.put("document", key, pickle.dumps((document, problems, numbers, named)))
    return document, problems, numbers, key_of(key, value_bytes(named))


def _named_files(document: Document) -> list[tuple[str, str, str]] | None:
    """Each file the document names: where it is written, where it leads, and the hash of its bytes."""
    named = []
    for item in (*document.attachments, *document.published_files):
        try:
            named.append((str(item.source), os.path.realpath(item.source), file_hash(Path(item.source))))
        except OSError:  # gone: check the document again, to say so
            return None
    return named


def _stat(path: Path) -> tuple:
    return (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else ()


def declared_index_numbers(content_dir: Path) -> dict[str, list[Path]]:
    """索引号 as written in every document file, readable or not, for numbering and relations."""
    declared: dict[str, list[Path]] = {}
    for path in document_files(content_dir):
        for number in written_index_numbers(StaffFile.read(path)):
            declared.setdefault(number, []).append(path)
    return declared
