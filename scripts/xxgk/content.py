"""Loading the whole content folder into one checked model."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .checks import check_collection
from .config import SiteConfig, load_config
from .documents import Document, load_document
from .personal_data import check_personal_data
from .problems import Problem, errors, sort_problems
from .reports import AnnualReport, load_reports
from .units import Unit, load_units

_DECLARED_INDEX_NUMBER = re.compile(r"^索引号\s*:\s*[\"']?([^\"'\s#]+)", re.MULTILINE)


@dataclass
class Content:
    config: SiteConfig
    units: list[Unit]
    documents: list[Document]
    problems: list[Problem] = field(default_factory=list)
    reports: list[AnnualReport] = field(default_factory=list)  # 年度报告 from content/年报/, checked

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


def document_files(content_dir: Path) -> list[Path]:
    """Every document file: *.md anywhere below, except in folders named _… or .… (drafts)."""
    return sorted(
        path for path in content_dir.rglob("*.md")
        if not any(part.startswith(("_", ".")) for part in path.relative_to(content_dir).parts)
    )


def load_content(content_dir: Path) -> Content:
    """Load and check everything; problems holds every error and warning found."""
    content_dir = Path(content_dir)
    config, problems = load_config(content_dir)
    units, unit_problems = load_units(content_dir, config.vocabularies["单位类型"])
    problems += unit_problems
    documents = []
    for path in document_files(content_dir):
        document, document_problems = load_document(path, content_dir, units, config.vocabularies)
        problems += document_problems
        problems += check_personal_data(path, document)
        if document:
            documents.append(document)
    problems += check_collection(documents, declared_index_numbers(content_dir))
    reports, report_problems = load_reports(content_dir, units, documents)
    problems += report_problems
    return Content(config, units, documents, sort_problems(problems), reports)


def declared_index_numbers(content_dir: Path) -> dict[str, list[Path]]:
    """索引号 as written in every document file, readable or not, for numbering and relations."""
    declared: dict[str, list[Path]] = {}
    for path in document_files(content_dir):
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
        for match in _DECLARED_INDEX_NUMBER.finditer(text.split("\n---", 1)[0]):
            declared.setdefault(match[1], []).append(path)
    return declared
