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

_SEGMENT_BYTES = 4 << 20     # start a new file past this size once all its events are stored
_BATCH = 2000                # events per database transaction
_REPLAY_EVERY_S = 10.0


class OpsJournal:
    """Append-only journal of ops events with a flusher thread; see the module docstring."""

    def __init__(self, folder: Path, apply: Callable[[list[dict]], None], *,
                 interval_s: float = 0.2, after_replay: Callable[[], None] | None = None) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.apply = apply
        self.interval_s = interval_s
        self.after_replay = after_replay
        self._lock = threading.Lock()
        self._pending: list[dict] = []
        self._unsynced = False
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._failing_since: float | None = None
        self.last_error: str | None = None
        self._fd, self.path = self._open_segment()
        self._thread = threading.Thread(target=self._run, name="ops-journal", daemon=True)
        self._thread.start()
        atexit.register(self.close)

    # ---- the request side ----------------------------------------------------------------
    def put(self, event: dict) -> None:
        """Append ``event`` (a dict with a unique ``uid``) durably; never waits for the database."""
        line = (json.dumps(event, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        with self._lock:
            os.write(self._fd, line)
            self._pending.append(event)
            self._unsynced = True
        if len(self._pending) >= _BATCH:
            self._wake.set()

    def pending(self) -> int:
        """Events appended but not yet stored in the database."""
        return len(self._pending)

    def flush(self, timeout_s: float) -> bool:
        """Wait until every event put so far is stored (True) or ``timeout_s`` passes (False)."""
        deadline = time.monotonic() + timeout_s
        while self._pending and time.monotonic() < deadline and self._thread.is_alive():
            self._wake.set()
            time.sleep(0.01)
        return not self._pending

    def close(self, timeout_s: float = 10.0) -> bool:
        """Stop the thread after a last flush (up to ``timeout_s``); True if nothing is left unstored.

        What the database did not take stays in the file, which the next start replays.
        """
        if self._stop.is_set():
            return not self._pending
        stored = self.flush(timeout_s)
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout_s)
        with self._lock:
            self._sync()
            os.close(self._fd)  # releases the flock: the file is now any journal's to replay
            if stored and os.path.exists(self.path):
                os.unlink(self.path)
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
            self._flush_once()

    def _flush_once(self) -> None:
        with self._lock:
            self._sync()
            batch = self._pending[:_BATCH]
        if not batch:
            self._maybe_rotate()
            return
        if not self._store(batch):
            self._stop.wait(self._backoff())
            return
        with self._lock:
            del self._pending[:len(batch)]
        if self._pending:
            self._wake.set()
        else:
            self._maybe_rotate()

    def _store(self, batch: list[dict]) -> bool:
        """Hand ``batch`` to the database; False (and a warning once per outage) if it failed."""
        try:
            self.apply(batch)
        except Exception as e:  # noqa: BLE001 - any failure keeps the events for the next try
            if self._failing_since is None:
                self._failing_since = time.monotonic()
                log.warning("运维库暂不可写，审计记录暂存于日志文件 ops database not writable; %d "
                            "event(s) kept in %s and retried: %s", len(batch), self.path, e)
            self.last_error = f"{type(e).__name__}: {e}"
            return False
        if self._failing_since is not None:
            log.warning("运维库恢复 ops database writable again after %.1f s",
                        time.monotonic() - self._failing_since)
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
            if self._pending or os.fstat(self._fd).st_size < _SEGMENT_BYTES:
                return
            old_fd, old_path = self._fd, self.path
            self._fd, self.path = self._open_segment()
            os.unlink(old_path)
            os.close(old_fd)

    def _open_segment(self) -> tuple[int, Path]:
        """A new file, locked before it gets the name replayers look for."""
        stem = f"{socket.gethostname()}-{os.getpid()}-{time.time_ns()}"
        tmp = self.folder / f"{stem}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
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
                    if not self._store(events[i:i + _BATCH]):
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
