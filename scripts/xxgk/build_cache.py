"""What one build keeps for the next: results of work by the hash of everything they came from.

A rebuild in CI after one document changed should do work in proportion to
the change. Each stage that can reuse its results (reading documents,
rendering pages, indexing parts of the search) asks this cache by a key it
makes from all of its inputs; the key of the code, the theme and every
installed package (`code_fingerprint`) is part of every entry, so an upgrade
starts afresh instead of publishing what older code made.

The folder holds one generation, `current/`. A build reads from it and writes
everything it used or made into a new generation, which replaces `current/`
only when the build succeeded: what the last build did not use is dropped,
and a failed or killed build leaves the cache as it found it. Entries are
files, written whole under a temporary name then renamed, so a reader never
sees half an entry; one that cannot be read is a miss, never an error.

The cache is the county's own (CI keeps it between runs of its workflows),
with the same trust as the repository: entries hold pickled objects.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
import sys
import tempfile
from pathlib import Path

try:  # POSIX; elsewhere two builds sharing a cache folder are not kept apart
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

PACKAGE = Path(__file__).parent
CURRENT = "current"
FINGERPRINT_FILE = "FINGERPRINT"


def code_fingerprint() -> str:
    """A hash of xxgk's own files (code, templates, theme), Python's version and every installed package's."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    packages = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions() if dist.metadata
    )
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()


def key_of(*parts: bytes | str) -> str:
    """A key for an entry: the hash of its inputs, each told apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


class BuildCache:
    """The cache folder during one build: entries read from the last generation, written to this one.

    Plain paths, so the search index's own process can be handed it; the build that opened it
    holds a lock on the folder (`open_cache`) until `commit` or `discard`.
    """

    def __init__(self, folder: Path, fingerprint: str | None = None) -> None:
        self.folder = Path(folder).absolute()
        self.fingerprint = fingerprint or code_fingerprint()
        self._lock: int | None = None
        current = self.folder / CURRENT
        try:
            same_code = (current / FINGERPRINT_FILE).read_text(encoding="utf-8") == self.fingerprint
        except OSError:
            same_code = False
        self.previous = current if same_code else None
        self.next = Path(tempfile.mkdtemp(prefix="next-", dir=self.folder))

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_lock": None}  # the lock stays with the build that took it

    def _entry(self, generation: Path, kind: str, key: str) -> Path:
        return generation / kind / key[:2] / key

    def path(self, kind: str, key: str) -> Path | None:
        """The entry's file in this generation, carried over from the last one if it was there; None if not."""
        entry = self._entry(self.next, kind, key)
        if entry.is_file():
            return entry
        if self.previous is None:
            return None
        old = self._entry(self.previous, kind, key)
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(old, entry)
        except OSError:  # not there, or gone meanwhile
            return None
        return entry

    def get(self, kind: str, key: str) -> bytes | None:
        entry = self.path(kind, key)
        if entry is None:
            return None
        try:
            return entry.read_bytes()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> None:
        entry = self._entry(self.next, kind, key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}")
        temporary.write_bytes(data)
        temporary.replace(entry)

    def put_folder(self, kind: str, key: str, source: Path) -> Path:
        """Keep a copy of the folder `source` as an entry; returns the entry's folder."""
        entry = self._entry(self.next, kind, key)
        if entry.is_dir():
            return entry
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}")
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.copytree(source, temporary)
        temporary.rename(entry)
        return entry

    def folder_entry(self, kind: str, key: str) -> Path | None:
        """An entry kept with `put_folder`, carried over from the last generation if it was there."""
        entry = self._entry(self.next, kind, key)
        if entry.is_dir():
            return entry
        if self.previous is None:
            return None
        old = self._entry(self.previous, kind, key)
        if not old.is_dir():
            return None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(old, entry, copy_function=_link_or_copy)
        except (OSError, shutil.Error):
            shutil.rmtree(entry, ignore_errors=True)
            return None
        return entry

    def commit(self) -> None:
        """This build succeeded: its generation becomes the current one, the last one is dropped."""
        (self.next / FINGERPRINT_FILE).write_text(self.fingerprint, encoding="utf-8")
        current = self.folder / CURRENT
        old = None
        if current.exists():
            old = self.folder / f"old-{os.getpid()}-{self.next.name}"
            current.rename(old)
        self.next.rename(current)
        if old:
            shutil.rmtree(old, ignore_errors=True)
        self._unlock()

    def discard(self) -> None:
        """The build failed: the current generation stays as it was."""
        shutil.rmtree(self.next, ignore_errors=True)
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # releases the lock
            self._lock = None


def open_cache(folder: Path) -> BuildCache | None:
    """The cache for this build, or None while another build uses the folder (this one then works without).

    Removes what builds killed before they finished left in the folder.
    """
    folder = Path(folder).absolute()
    folder.mkdir(parents=True, exist_ok=True)
    lock = None
    if fcntl:
        lock = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(lock)
            return None
    for leftover in [*folder.glob("next-*"), *folder.glob("old-*")]:
        shutil.rmtree(leftover, ignore_errors=True)
    cache = BuildCache(folder)
    cache._lock = lock
    return cache


def _link_or_copy(source, target) -> None:
    """A second name for the same file (no bytes copied), or a copy across file systems."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
