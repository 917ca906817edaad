"""What one build keeps for the next: results of work by the hash of everything they came from.

A rebuild in CI after one document changed should do work in proportion to
the change. Each stage that can reuse its results (reading documents,
rendering pages, indexing parts of the search) asks this cache by a key it
makes from all of its inputs; the key of the code, the theme and every
installed package (`code_fingerprint`) is part of every entry, so an upgrade
starts afresh instead of publishing what older code made.

An entry is a file (or a folder) named by its key, written whole under a
temporary name then renamed, so a reader never sees half of one; one that
cannot be read is a miss, never an error, and one is never changed once
written (its key names its inputs). A build marks each entry it uses by its
time; when it succeeds, the entries it did not use are dropped, and with them
everything older code made. A failed or killed build drops nothing.

The cache is the county's own (CI keeps it between runs of its workflows),
with the same trust as the repository: entries hold pickled objects.
"""

from __future__ import annotations

import copyreg
import hashlib
import importlib.metadata
import io
import os
import pickle
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

try:  # POSIX; elsewhere two builds sharing a cache folder are not kept apart
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

PACKAGE = Path(__file__).parent.parent  # xxgk
# A file of ours in every cache folder: only a folder carrying it, or an empty one, is used and pruned.
CACHE_MARK = ".xxgk-cache"
# The entries of one version of the code live in a folder named by the start of its fingerprint.
GENERATION_DIGITS = 16
# The small entries (pickles of documents, pages and records), as rows of one SQLite file.
ENTRIES_FILE = "entries.sqlite"
# Small entries held before being written together: a bound on the memory they take.
_PENDING_BYTES = 64 * 2**20
# Written when a build opens the cache: its time, by the file system's clock, is the build's start.
STARTED_FILE = ".started"


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


def value_bytes(value, named: dict[type, Callable[[object], str]] | None = None) -> bytes:
    """Bytes that depend only on the value, for a key: pickle without its memo, which would make equal
    values differ by which of their strings happen to be one object (a shared value is written twice).

    `named[type](part)` may give each part of that type a name that stands for it (its own key), so
    that a large part found in many values is written and hashed once, not in each. (A pickler's
    dispatch table, asked in C: `persistent_id` would call Python for every object of the value.)
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    if named:
        table = copyreg.dispatch_table.copy()
        for kind, name in named.items():
            table[kind] = lambda part, name=name: (_named, (name(part),))
        pickler.dispatch_table = table
    pickler.dump(value)
    return buffer.getvalue()


def _named(key: str) -> str:
    """What a named part stands for in `value_bytes` (never unpickled: the bytes are hashed)."""
    return key


def file_hash(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


class CacheRefused(Exception):
    """The folder named for the cache holds files that are not a cache: nothing was touched."""


class BuildCache:
    """The cache folder during one build. Plain paths, so the search index's own process can be handed
    it; the build that opened it holds a lock on the folder (`open_cache`) until `commit` or `discard`.
    """

    def __init__(self, folder: Path, fingerprint: str | None = None) -> None:
        self.folder = Path(folder).absolute()
        self.fingerprint = fingerprint or code_fingerprint()
        self.root = self.folder / self.fingerprint[:GENERATION_DIGITS]
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = self.root / STARTED_FILE
        stamp.write_bytes(b"")
        self.started = stamp.stat().st_mtime_ns  # an entry this build used has this time or a later one
        self._lock: int | None = None
        self._folders: set[Path] = set()
        self._database: sqlite3.Connection | None = None
        self._puts: list[tuple[str, str, bytes]] = []  # small entries and their keys, written by `flush`
        self._put_bytes = 0
        self._used: list[tuple[str, str]] = []

    def __getstate__(self) -> dict:
        # The lock stays with the build that took it; another process opens the entries on its own, and
        # writes its own (a pool pickles this in a thread of its own: nothing here touches the database).
        return {**self.__dict__, "_lock": None, "_folders": set(), "_database": None, "_puts": [], "_used": []}

    def _entry(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def path(self, kind: str, key: str) -> Path | None:
        """The entry's file (or folder), marked as used by this build; None if there is none."""
        entry = self._entry(kind, key)
        try:
            os.utime(entry)
        except OSError:
            return None
        return entry

    # -- small entries: rows of one SQLite file, not a file each ------------------------
    # Written as 40,000 small files they took 16 of the 76 profiled seconds of a cold 10,000-document
    # load and generation; SQLite (the standard library's) writes them in one transaction.

    def _entries(self) -> sqlite3.Connection:
        if self._database is None:
            path = self.root / ENTRIES_FILE
            try:
                self._database = _open_entries(path)
            except sqlite3.DatabaseError:  # damaged (a cache restored in part): start it afresh
                path.unlink(missing_ok=True)
                self._database = _open_entries(path)
        return self._database

    def get(self, kind: str, key: str) -> bytes | None:
        """A small entry kept with `put`, marked as used by this build; None if there is none."""
        try:
            row = self._entries().execute("SELECT data FROM entries WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None:
            return None
        self._used.append((kind, key))
        return row[0]

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Keep `data` as a small entry (written with others by `flush`, or when the build ends)."""
        self._puts.append((kind, key, data))
        self._put_bytes += len(data)
        if self._put_bytes > _PENDING_BYTES:
            self.flush()

    def flush(self) -> None:
        """Write the entries kept and mark those used since the last flush, in one transaction."""
        if not (self._puts or self._used):
            return
        puts, used, self._puts, self._used, self._put_bytes = self._puts, self._used, [], [], 0
        try:
            with self._entries() as database:
                database.executemany(
                    "INSERT OR REPLACE INTO entries (kind, key, made, data) VALUES (?, ?, ?, ?)",
                    [(kind, key, self.started, data) for kind, key, data in puts],
                )
                database.executemany(
                    "INSERT OR REPLACE INTO uses (kind, key, used) VALUES (?, ?, ?)", [(*k, self.started) for k in used]
                )
        except sqlite3.DatabaseError:  # a full disk: the build goes on, and the next one misses these
            pass

    def put_file(self, kind: str, key: str, source: Path) -> None:
        """Keep the file `source` as an entry: a second name for it (`link`), made read-only."""
        temporary, entry = self._temporary(kind, key)
        temporary.unlink(missing_ok=True)
        link(source, temporary)
        temporary.replace(entry)

    def put_folder(self, kind: str, key: str, source: Path) -> Path:
        """Keep the folder `source` as an entry, moved there (copied from another file system);
        returns the entry's folder."""
        entry = self.folder_entry(kind, key)
        if entry is not None:
            return entry
        temporary, entry = self._temporary(kind, key)
        shutil.rmtree(temporary, ignore_errors=True)
        try:
            os.rename(source, temporary)
        except OSError:
            shutil.copytree(source, temporary)
        temporary.rename(entry)
        return entry

    def folder_entry(self, kind: str, key: str) -> Path | None:
        """An entry kept with `put_folder`, marked as used by this build; None if there is none."""
        entry = self.path(kind, key)
        return entry if entry is not None and entry.is_dir() else None

    def _temporary(self, kind: str, key: str) -> tuple[Path, Path]:
        entry = self._entry(kind, key)
        if entry.parent not in self._folders:  # a mkdir per entry costs seconds at 40,000 entries
            entry.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(entry.parent)
        return entry.with_name(f".{entry.name}.{os.getpid()}"), entry

    def commit(self) -> None:
        """This build succeeded: what it did not use is dropped, with everything older code made."""
        self.flush()
        try:
            with self._entries() as database:
                database.execute(
                    "DELETE FROM entries WHERE made < :started AND NOT EXISTS (SELECT 1 FROM uses WHERE"
                    " uses.kind = entries.kind AND uses.key = entries.key AND uses.used >= :started)",
                    {"started": self.started},
                )
                database.execute("DELETE FROM uses")
        except sqlite3.DatabaseError:
            pass
        self._close()
        for other in self.folder.iterdir():
            if other != self.root and other.is_dir() and _is_generation(other.name):
                shutil.rmtree(other, ignore_errors=True)
        for kind in self.root.iterdir():
            for bucket in kind.iterdir() if kind.is_dir() else ():
                for entry in os.scandir(bucket):
                    if entry.stat(follow_symlinks=False).st_mtime_ns < self.started:
                        _remove(Path(entry.path))
        self._unlock()

    def discard(self) -> None:
        """The build failed: what it kept stays (an entry is right for its key), unused ones till the next commit."""
        self.flush()
        self._close()
        self._unlock()

    def _close(self) -> None:
        if self._database is not None:
            self._database.close()
            self._database = None

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # releases the lock
            self._lock = None


def link(source: Path, target: Path) -> None:
    """`target` becomes a second name of the file `source` (a copy across file systems), read-only.

    Rendered pages are kept this way: a site's pages and their entries are the same files, so
    neither keeping nor reusing them copies a byte (10,000 pages: a quarter of a second instead
    of two and a half). Read-only, so that a tool changing a published page in place fails
    instead of changing what the next build would publish.
    """
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
    if os.name == "posix":
        os.chmod(target, 0o444)


def _open_entries(path: Path) -> sqlite3.Connection:
    database = sqlite3.connect(path, timeout=600)  # the search index's process may be writing its own
    database.execute("PRAGMA journal_mode = WAL")
    database.execute("PRAGMA synchronous = OFF")  # a cache: a crash of the machine costs a rebuild, not a site
    # Read through a memory map, not a read call per page: 30,000 lookups of a 10,000-document rebuild
    # took 0.65 s, 0.22 s mapped. The pages read count in the process's resident size (the file's,
    # shared with the disk cache): the first 256 MiB are mapped (the file is 318 MB at 10,000 documents).
    database.execute(f"PRAGMA mmap_size = {256 * 2**20}")
    database.execute(
        "CREATE TABLE IF NOT EXISTS entries (kind TEXT, key TEXT, made INTEGER, data BLOB, PRIMARY KEY (kind, key))"
    )
    # Which entries the builds since the last commit used, apart from them: marking a row of `entries`
    # rewrites its data (157 MB of writes for 30,000 entries of a 10,000-document rebuild).
    database.execute(
        "CREATE TABLE IF NOT EXISTS uses (kind TEXT, key TEXT, used INTEGER, PRIMARY KEY (kind, key)) WITHOUT ROWID"
    )
    return database


def _is_generation(name: str) -> bool:
    return len(name) == GENERATION_DIGITS and all(c in "0123456789abcdef" for c in name)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def open_cache(folder: Path) -> BuildCache | None:
    """The cache for this build, or None while another build uses the folder (this one then works without).

    CacheRefused for a folder with files in it that no build put there: the cache drops
    what it does not use, and must never take someone's files for its own.
    """
    folder = Path(folder).absolute()
    if folder.exists() and not (folder / CACHE_MARK).is_file() and (not folder.is_dir() or any(folder.iterdir())):
        raise CacheRefused(
            f"--cache {folder}: 不是 xxgk 的构建缓存文件夹（没有 {CACHE_MARK}），也不是空文件夹："
            "请另选文件夹，如 .cache/xxgk"
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / CACHE_MARK).write_text("xxgk build cache\n", encoding="utf-8")
    except OSError as error:
        raise CacheRefused(f"--cache {folder}: 无法写入（{error.strerror}）：请另选文件夹，或用 --no-cache") from None
    lock = None
    if fcntl:
        lock = os.open(folder, os.O_RDONLY)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(lock)
            return None
    cache = BuildCache(folder)
    cache._lock = lock
    return cache
