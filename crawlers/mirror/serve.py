"""Serve a built mirror on 127.0.0.1 the way the real sites answer.

- ETag and Last-Modified on every file; ``If-None-Match`` / ``If-Modified-Since`` → 304.
- A query string selects the file ``PATH/@k=v&…`` (parameters sorted), else ``PATH/@default``.
- Paths under a ``session`` prefix need the cookie set by that prefix's ``index.html`` and a
  Referer; without them the answer is a 200 HTML "session expired" page, as on the GACC query
  platform.
- Faults from ``_mirror.json``: ``status`` (404/500/429 for the first ``times`` requests),
  ``truncated`` (Content-Length larger than the body), ``rejected`` (200 "Request Rejected" page for
  the first ``times`` requests), ``html_error`` (an HTML error page where CSV was asked).
  ``slow`` (the first ``times`` answers wait ``seconds``: a timeout for the client).
- ``delay``: every answer waits this long; ``max_in_flight`` (requests being answered at
  once) and ``user_agents`` record what clients did.
- The GACC query endpoint (manifest ``query``): ``iEType``, ``year``, ``startMonth``, ``endMonth``,
  ``outerValue1`` (partner code, empty = all) and ``outerValue2`` (HS code prefix) filter the data
  table; the answer is a GB18030 CSV cut off after ``cap`` rows, as the real platform cuts at
  10,000.
- ``log``: every request is appended as ``METHOD PATH STATUS`` (tests count fetches per page).
"""

from __future__ import annotations

import csv
import email.utils
import hashlib
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = ["MirrorServer", "serve_background"]

_COOKIE = "HAISISESSION=mirror"
_REJECTED = (
    b"<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. "
    b"Please consult with your administrator.</body></html>"
)
_EXPIRED = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>错误</title></head><body>'
    "<p>会话已过期，请重新查询 Session expired</p></body></html>"
).encode()
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain",
    ".json": "application/json; charset=utf-8",
}


class MirrorServer(ThreadingHTTPServer):
    """A threading HTTP server over a mirror folder, with its manifest and request log."""

    daemon_threads = True

    def __init__(
        self, root: Path | str, port: int = 0, log: Path | str | None = None, delay: float = 0.0
    ) -> None:
        self.root = Path(root).resolve()
        manifest = json.loads((self.root / "_mirror.json").read_text("utf-8"))
        self.headers_of: dict[str, dict[str, str]] = manifest.get("headers", {})
        self.faults: dict[str, dict] = manifest.get("faults", {})
        self.session: list[str] = manifest.get("session", [])
        self.query: dict = manifest.get("query") or {}
        self._query_rows: list[dict[str, str]] | None = None
        self.log_path = Path(log) if log else None
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        self.delay = delay
        self.in_flight = 0
        self.max_in_flight = 0
        self.user_agents: set[str] = set()
        super().__init__(("127.0.0.1", port), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def hit(self, rel: str) -> int:
        """How many times ``rel`` was asked for, this one included."""
        with self.lock:
            self.counts[rel] = self.counts.get(rel, 0) + 1
            return self.counts[rel]

    def query_csv(self, params: dict[str, str]) -> bytes:
        """The query platform's CSV download: rows matching ``params``, at most ``cap`` of them."""
        with self.lock:
            if self._query_rows is None:
                text = (self.root / self.query["table"]).read_text("utf-8")
                self._query_rows = list(csv.DictReader(io.StringIO(text)))
        year, flow = params.get("year", ""), params.get("iEType", "")
        first, last = int(params.get("startMonth") or 1), int(params.get("endMonth") or 12)
        partner, hs = params.get("outerValue1", ""), params.get("outerValue2", "")
        out = io.StringIO()
        fields = [k for k in self._query_rows[0] if k != "iEType"] if self._query_rows else []
        w = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(fields)
        n = 0
        for r in self._query_rows:
            when = r["Date of data"]
            if (
                r["iEType"] == flow
                and when[:4] == year
                and first <= int(when[4:]) <= last
                and (not partner or r["Trading partner code"] == partner)
                and r["Commodity code"].startswith(hs)
            ):
                if n == self.query.get("cap", 10_000):
                    break  # the platform cuts the download off here, silently
                w.writerow([r[k] for k in fields])
                n += 1
        return out.getvalue().encode("gb18030")

    def record(self, method: str, target: str, status: int) -> None:
        if self.log_path:
            with self.lock, self.log_path.open("a", encoding="utf-8") as f:
                f.write(f"{method} {target} {status}\n")


class _Handler(BaseHTTPRequestHandler):
    server: MirrorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        return

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        srv = self.server
        with srv.lock:
            srv.in_flight += 1
            srv.max_in_flight = max(srv.max_in_flight, srv.in_flight)
            srv.user_agents.add(self.headers.get("User-Agent", ""))
        try:
            if srv.delay:
                time.sleep(srv.delay)
            self._get()
        finally:
            with srv.lock:
                srv.in_flight -= 1

    def _get(self) -> None:
        parts = urlsplit(self.path)
        rel = unquote(parts.path).lstrip("/")
        if self.server.query and rel == self.server.query["path"]:
            return self._query(rel, dict(parse_qsl(parts.query, keep_blank_values=True)))
        if parts.query:
            q = "&".join(
                f"{k}={v}" for k, v in sorted(parse_qsl(parts.query, keep_blank_values=True))
            )
            rel = f"{rel}/@{q}"
            if not (self.server.root / rel).is_file():
                rel = rel.rsplit("/@", 1)[0] + "/@default"
        path = (self.server.root / rel).resolve()
        if rel.endswith("/") or path.is_dir():
            path, rel = path / "index.html", rel.rstrip("/") + "/index.html"
        if self.server.root not in path.parents or not path.is_file() or rel.startswith("_"):
            return self._send(404, b"not found", "text/plain")
        n = self.server.hit(rel)
        fault = self.server.faults.get(rel, {})
        kind = fault.get("kind")
        if kind == "status" and n <= fault.get("times", 10**9):
            return self._send(fault["status"], b"error", "text/plain", extra={"Retry-After": "0"})
        if kind == "rejected" and n <= fault.get("times", 10**9):
            return self._send(200, _REJECTED, "text/html")
        if kind == "slow" and n <= fault.get("times", 10**9):
            time.sleep(fault["seconds"])
        if kind == "html_error":
            return self._send(200, _EXPIRED, "text/html; charset=utf-8")
        prefix = next((p for p in self.server.session if rel.startswith(p)), None)
        if (
            prefix
            and rel != prefix + "index.html"
            and (
                _COOKIE not in (self.headers.get("Cookie") or "") or not self.headers.get("Referer")
            )
        ):
            return self._send(200, _EXPIRED, "text/html; charset=utf-8")
        body = path.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": modified}
        if prefix and rel == prefix + "index.html":
            headers["Set-Cookie"] = f"{_COOKIE}; Path=/"
        if self.headers.get("If-None-Match") == etag or (
            not self.headers.get("If-None-Match")
            and self.headers.get("If-Modified-Since") == modified
        ):
            return self._send(304, b"", None, extra=headers)
        ctype = self.server.headers_of.get(rel, {}).get("Content-Type") or _TYPES.get(
            path.suffix, "text/plain"
        )
        if kind == "truncated":
            return self._send(200, body[: len(body) // 2], ctype, extra=headers, length=len(body))
        return self._send(200, body, ctype, extra=headers)

    def _query(self, rel: str, params: dict[str, str]) -> None:
        """Answer the GACC query endpoint (session cookie and Referer required)."""
        self.server.hit(rel)
        if _COOKIE not in (self.headers.get("Cookie") or "") or not self.headers.get("Referer"):
            return self._send(200, _EXPIRED, "text/html; charset=utf-8")
        body = self.server.query_csv(params)
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", None, extra={"ETag": etag})
        return self._send(200, body, "text/csv; charset=gbk", extra={"ETag": etag})

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str | None,
        *,
        extra: dict | None = None,
        length: int | None = None,
    ) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        if length is not None:
            self.send_header("Connection", "close")
        self.server.record("GET", self.path, status)
        try:
            self.end_headers()
            if body and status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (timeout): nothing more to send
        if length is not None:
            self.close_connection = True


def serve_background(
    root: Path | str, port: int = 0, log: Path | str | None = None, delay: float = 0.0
) -> MirrorServer:
    """Start a mirror server in a daemon thread; call ``.shutdown()`` to stop it."""
    server = MirrorServer(root, port, log, delay)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
