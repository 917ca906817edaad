"""Problems found in content: what, where, and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath


@dataclass(frozen=True)
class Problem:
    path: PurePath  # relative to the folder the user named, as they see it
    line: int | None
    field: str | None
    message: str
    warning: bool = False
    column: str | None = None  # in a spreadsheet, the column's letter: file:row:column

    def __str__(self) -> str:
        where = f"{self.path.as_posix()}:{self.line}" if self.line else self.path.as_posix()
        if self.line and self.column:
            where += f":{self.column}"
        field = f" {self.field}:" if self.field else ""
        level = " 警告:" if self.warning else ""
        return f"{where}:{level}{field} {self.message}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if not p.warning]
        super().__init__(f"{len(errors)} 个错误:\n" + "\n".join(str(p) for p in errors))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if not p.warning]


def sort_problems(problems: list[Problem]) -> list[Problem]:
    # Stable: problems on one line keep the order the checks found them in (a table's column order).
    return sorted(problems, key=lambda p: (p.path.as_posix(), p.line or 0))


def shown_path(path) -> PurePath:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return Path(path).absolute().relative_to(Path.cwd())
    except ValueError:
        return PurePath(path)
