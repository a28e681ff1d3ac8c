"""A durable local queue for ops writes: an append-only journal per process, flushed in batches.

``put(event)`` appends one JSON line to this process's journal file with a single ``write``
(no lock wait, no database): once it returns the line is in the kernel, so ``kill -9`` of the
process loses nothing. A background thread fsyncs the file, hands pending events to the
database in batches (one transaction each, retried with backoff while the database is busy
or unreachable) and starts a fresh file once everything in the old one is stored. Each file
is held with ``flock`` while its process lives; a file nobody holds belongs to a process
that died, and any journal on the same folder replays it (at start and every few seconds).
Events carry a unique id, so a replay after a partial flush stores nothing twice.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["OpsJournal"]

log = logging.getLogger(__name__)

_SEGMENT_BYTES = 4 << 20  # start a new file past this size once all its events are stored
_BATCH = 2000  # events per database transaction (a replay's)
_CHUNK_BYTES = 1 << 20  # bytes of the journal read back per database transaction
_REPLAY_EVERY_S = 10.0


class OpsJournal:
    """Append-only journal of ops events with a flusher thread; see the module docstring."""

    def __init__(
        self,
        folder: Path,
        apply: Callable[[list[dict]], None],
        *,
        interval_s: float = 0.2,
        after_replay: Callable[[], object] | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.apply = apply
        self.interval_s = interval_s
        self.after_replay = after_replay
        self._lock = threading.Lock()
        self._written = 0  # bytes in the current file
        self._stored = 0  # of which the database has every event
        self._puts = 0  # events put, ever
        self._done = 0  # events stored, ever
        self._unsynced = False
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._failing_since: float | None = None
        self.last_error: str | None = None
        self._pid = os.getpid()  # a forked child inherits the file but must not write or close it
        self._fd, self.path = self._open_segment()
        self._thread = threading.Thread(target=self._run, name="ops-journal", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    # ---- the request side ----------------------------------------------------------------
    def put(self, event: dict) -> bool:
        """Append ``event`` (a dict with a unique ``uid``) durably; never waits for the database.

        False if the journal is closed or belongs to the parent of a forked process (the caller
        then writes directly).
        """
        line = (json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        with self._lock:
            if self._stop.is_set() or os.getpid() != self._pid:
                return False
            os.write(self._fd, line)
            self._written += len(line)
            self._puts += 1
            self._unsynced = True
        return True

    def pending(self) -> int:
        """Events appended but not yet stored in the database."""
        return self._puts - self._done

    def flush(self, timeout_s: float) -> bool:
        """Wait until every event put so far is stored (True) or ``timeout_s`` passes (False)."""
        deadline = time.monotonic() + timeout_s
        target = self._puts
        while self._done < target and time.monotonic() < deadline and self._thread.is_alive():
            self._wake.set()
            time.sleep(0.01)
        return self._done >= target

    def close(self, timeout_s: float = 10.0) -> bool:
        """Stop the thread after a last flush (up to ``timeout_s``); True if all was stored.

        What the database did not take stays in the file, which the next start replays.
        """
        if self._stop.is_set() or os.getpid() != self._pid:
            return not self.pending()
        self.flush(timeout_s)
        with self._lock:
            self._stop.set()  # from here put() refuses, so nothing is appended after the check
        self._wake.set()
        self._thread.join(timeout_s)
        stored = not self.pending()
        with self._lock:
            self._sync()
            if stored:
                self.path.unlink(missing_ok=True)
            os.close(self._fd)  # releases the flock: a file left is any journal's to replay
        atexit.unregister(self.close)
        return stored

    # ---- the flusher thread ------------------------------------------------------------------
    def _run(self) -> None:
        self._replay_orphans()  # first, so that even an at-once close has replayed the dead
        next_replay = time.monotonic() + _REPLAY_EVERY_S
        while not self._stop.is_set():
            self._wake.wait(self.interval_s)
            self._wake.clear()
            if time.monotonic() >= next_replay:
                self._replay_orphans()
                next_replay = time.monotonic() + _REPLAY_EVERY_S
            while self._flush_once():
                pass

    def _flush_once(self) -> bool:
        """Store the next batch of this file's unstored events; True if more are waiting."""
        with self._lock:
            start, end = self._stored, self._written
            unsynced, self._unsynced = self._unsynced, False
        if unsynced:  # outside the lock: an fsync may take milliseconds, put() must not wait
            os.fsync(self._fd)
        if start == end:
            self._maybe_rotate()
            return False
        chunk = os.pread(self._fd, min(end - start, _CHUNK_BYTES), start)
        if b"\n" not in chunk:  # one line longer than a chunk: read it whole
            chunk = os.pread(self._fd, end - start, start)
        used = chunk.rfind(b"\n") + 1
        batch = [json.loads(line) for line in chunk[:used].splitlines()]
        if not self._store(batch):
            self._stop.wait(self._backoff())
            return False
        self._stored += used
        self._done += len(batch)
        return not self._stop.is_set() and self._stored < end

    def _store(self, batch: list[dict]) -> bool:
        """Hand ``batch`` to the database; False (and a warning once per outage) if it failed."""
        try:
            self.apply(batch)
        except Exception as e:  # noqa: BLE001 - any failure keeps the events for the next try
            if self._failing_since is None:
                self._failing_since = time.monotonic()
                log.warning(
                    "运维库暂不可写，审计记录暂存于日志文件 ops database not writable; %d "
                    "event(s) kept in %s and retried: %s",
                    len(batch),
                    self.path,
                    e,
                )
            self.last_error = f"{type(e).__name__}: {e}"
            return False
        if self._failing_since is not None:
            log.warning(
                "运维库恢复 ops database writable again after %.1f s",
                time.monotonic() - self._failing_since,
            )
            self._failing_since = None
            self.last_error = None
        return True

    def _backoff(self) -> float:
        down = time.monotonic() - (self._failing_since or time.monotonic())
        return min(2.0, 0.1 + down / 10)

    def _sync(self) -> None:
        if self._unsynced:
            os.fsync(self._fd)
            self._unsynced = False

    def _maybe_rotate(self) -> None:
        """Start a new file when the current one is large and everything in it is stored."""
        with self._lock:
            if self._stored < self._written or self._written < _SEGMENT_BYTES:
                return
            old_fd, old_path = self._fd, self.path
            self._fd, self.path = self._open_segment()
            self._written = self._stored = 0
            os.unlink(old_path)
            os.close(old_fd)

    def _open_segment(self) -> tuple[int, Path]:
        """A new file, locked before it gets the name replayers look for."""
        stem = f"{socket.gethostname()}-{os.getpid()}-{time.time_ns()}"
        tmp = self.folder / f"{stem}.tmp"
        fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        path = self.folder / f"{stem}.jsonl"
        os.rename(tmp, path)
        return fd, path

    def _replay_orphans(self) -> None:
        """Store the events of files whose process died, then delete those files."""
        for path in sorted(self.folder.glob("*.jsonl")):
            if path == self.path:
                continue
            try:
                fd = os.open(path, os.O_RDWR)
            except FileNotFoundError:
                continue
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # its process is alive and flushes it itself
                events = _read_events(path)
                for i in range(0, len(events), _BATCH):
                    if not self._store(events[i : i + _BATCH]):
                        return  # the database is down: try again later, the file stays
                if path.exists():
                    path.unlink()
                if events:
                    log.warning("重放审计日志 replayed %d event(s) from %s", len(events), path.name)
            finally:
                os.close(fd)
        if self.after_replay is not None:
            try:
                self.after_replay()
            except Exception as e:  # noqa: BLE001 - retried at the next replay
                log.warning("after-replay step failed, retried later: %s", e)


def _read_events(path: Path) -> list[dict]:
    """The complete JSON lines of ``path``; a torn last line (power loss mid-write) is skipped."""
    out = []
    with open(path, "rb") as f:
        for n, line in enumerate(f, 1):
            try:
                out.append(json.loads(line))
            except ValueError:
                log.warning("skipped unreadable journal line %s:%d", path.name, n)
    return out
