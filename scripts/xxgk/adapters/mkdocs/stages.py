"""Where a build's time goes: seconds per stage, for `xxgk build --timings` and `make bench`.

The stages are those of the pipeline: load and check the content, generate the
pages, MkDocs' Markdown pass and its theme (Jinja), and waiting for the search
index; what is left of the wall time is MkDocs' own work (collecting, copying
and writing files). The search index is written in another process while the
pages render (Pagefind's runs, then joining their parts): its stages are
reported beside the others, not as part of the wall time.
"""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from pathlib import Path

STAGES = ("load and check", "generate", "Markdown", "theme", "waiting for the index")
OTHER = "write and copy"
BACKGROUND = ("index", "join")


class Stopwatch:
    """Accumulates seconds per stage; a stage may run many times (once per page)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._started: dict[str, float] = {}
        self._created = time.perf_counter()

    def start(self, stage: str) -> None:
        self._started[stage] = time.perf_counter()

    def stop(self, stage: str) -> None:
        started = self._started.pop(stage, None)
        if started is not None:
            self.add(stage, time.perf_counter() - started)

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @contextmanager
    def timing(self, stage: str):
        self.start(stage)
        try:
            yield
        finally:
            self.stop(stage)

    def report(self) -> dict:
        """Seconds per stage in pipeline order, the rest of the wall time as OTHER, the total,
        and the stages that ran in the background."""
        total = time.perf_counter() - self._created
        stages = {stage: round(self.seconds.get(stage, 0.0), 2) for stage in STAGES}
        stages[OTHER] = round(max(total - sum(self.seconds.get(s, 0.0) for s in STAGES), 0.0), 2)
        background = {stage: round(self.seconds.get(stage, 0.0), 2) for stage in BACKGROUND}
        return {**stages, "total": round(total, 2), "background": background}

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(self.report(), ensure_ascii=False, indent=1), encoding="utf-8")
