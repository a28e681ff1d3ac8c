"""Finished answers kept as the bytes sent, so a repeated stored-result GET skips the app.

A route marked :func:`kept` answers from warehouse tables, its path and query and the caller's
role only. Its 200 JSON answer is stored as the bytes sent, with an ETag, under (path, raw query,
role, Accept, Host, scheme, root path), with every table the request read and the version it saw
first (``warehouse.reads.recording``). A later GET with the same key is answered from those
bytes on the event loop while every one of those tables still has that version: authenticated
(from the key cache, or a look-up in the thread pool as the app does), role-checked, rate-limited
and audited like any other request. Anything else (an unknown or revoked key, a new table version,
a rate limit reached) goes through the whole app, which answers it as before. One role's bytes
never reach another role: the role is part of the key.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from haisi.api.access import Caller, allowed
from haisi.api.deps import KEY_COOKIE
from haisi.warehouse.ops import KEY_MISS, ApiKey
from haisi.warehouse.reads import Versions
from haisi.warehouse.tables import UNKNOWN
from starlette.concurrency import run_in_threadpool
from starlette.requests import cookie_parser

__all__ = ["Answers", "kept"]

F = TypeVar("F", bound=Callable[..., Any])
Send = Callable[[dict], Awaitable[None]]

_MAX_BODY = 4 << 20  # bigger answers are sent, not kept
_MAX_HEADER = 512  # a request whose Accept or Host is longer is not answered from the store
_ADDED = [
    (b"cache-control", b"private, no-cache"),
    (b"vary", b"Accept, X-API-Key, Cookie"),
]


def kept(endpoint: F) -> F:
    """Mark a route whose 200 JSON answer depends only on the tables it reads, its path and
    query and the caller's role (never on the key itself, the time or other headers)."""
    endpoint.keep_answer = True  # type: ignore[attr-defined]
    return endpoint


@dataclass(frozen=True)
class _Entry:
    route: Any  # the matched route, for metrics and the audit row
    router: str  # the guard's router name, for the role check
    reads: tuple[tuple[Any, str, int | None], ...]  # (Tables, table, version seen)
    headers: list[tuple[bytes, bytes]]
    body: bytes
    etag: bytes


@dataclass(frozen=True)
class _Request:
    """What of a request decides whether a stored answer fits it."""

    secret: str | None
    accept: bytes
    host: bytes
    if_none_match: bytes | None

    @classmethod
    def of(cls, scope: dict) -> _Request | None:
        xkey = cookie = None
        accept = host = b""
        inm = None
        for name, value in scope["headers"]:
            if name == b"x-api-key":
                if xkey is not None:
                    return None  # two keys: the app decides
                xkey = value
            elif name == b"cookie":
                cookie = value
            elif name == b"accept":
                accept = value
            elif name == b"host":
                host = value
            elif name == b"if-none-match":
                inm = value
        if len(accept) > _MAX_HEADER or len(host) > _MAX_HEADER:
            return None
        secret = xkey.decode("latin-1") if xkey else None
        if not secret and cookie:
            secret = cookie_parser(cookie.decode("latin-1")).get(KEY_COOKIE)
        return cls(secret, accept, host, inm)

    def key(self, scope: dict, role: str) -> tuple:
        return (
            scope["path"],
            scope["query_string"],
            role,
            self.accept,
            self.host,
            scope["scheme"],
            scope.get("root_path", ""),
        )


class Answers:
    """LRU of kept answers (at most ``max_entries`` and ``max_bytes`` of bodies) for one app."""

    def __init__(self, max_entries: int = 512, max_bytes: int = 64 << 20) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._data: OrderedDict[tuple, _Entry] = OrderedDict()
        self._bytes = 0
        self.served = 0
        self.stored = 0

    def __len__(self) -> int:
        return len(self._data)

    async def answer(self, scope: dict, send: Send) -> bool:
        """Send the kept answer for this GET if one fits it (True); False: the app must answer."""
        req = _Request.of(scope)
        if req is None or not req.secret:
            return False
        state = scope["app"].state
        key = state.ops.cached_key(req.secret)  # no I/O while the key cache holds it
        if key is KEY_MISS:
            key = await run_in_threadpool(state.ops.lookup_key, req.secret)
        if not isinstance(key, ApiKey):
            return False  # unknown or revoked: the app answers (401, failed-key limit)
        k = req.key(scope, key["role"])
        entry = self._data.get(k)
        if entry is None:
            return False
        if not await _current(entry.reads):
            self._drop(k)
            return False
        settings = state.settings
        if not allowed(entry.router, key["role"], require_api_key=settings.require_api_key):
            return False
        if state.limiter.hit(key["key_id"]):
            return False  # the app answers the 429 (the limiter does not count it twice)
        client = scope.get("client")
        caller = Caller(key["key_id"], key["role"], client[0] if client else "unknown")
        st = scope.setdefault("state", {})
        st["caller"], st["router"] = caller, entry.router
        scope["route"] = entry.route
        self._data.move_to_end(k)
        self.served += 1
        if req.if_none_match is not None and _matches(req.if_none_match, entry.etag):
            headers = [(b"etag", entry.etag), *_ADDED]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return True
        await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
        await send({"type": "http.response.body", "body": entry.body})
        return True

    def keeping(self, scope: dict, reads: Versions, send: Send) -> Send:
        """``send`` for a GET the app answers: a kept route's 200 JSON answer is held until
        complete, stored, and sent with its ETag; anything else passes straight through."""
        held: dict[str, Any] = {}

        async def wrapper(message: dict) -> None:
            if message["type"] == "http.response.start":
                if self._keepable(scope, message):
                    held["start"], held["body"] = message, []
                    return
            elif held and message["type"] == "http.response.body":
                held["body"].append(message.get("body", b""))
                size = sum(map(len, held["body"]))
                if message.get("more_body") and size <= _MAX_BODY:
                    return
                start, chunks = held.pop("start"), held.pop("body")
                if message.get("more_body"):  # too big to keep: send what was held, go on
                    await send(start)
                    await send({**message, "body": b"".join(chunks)})
                    return
                body = b"".join(chunks)
                etag = b'"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'
                headers = [*start["headers"], (b"etag", etag), *_ADDED]
                self._store(scope, reads, headers, body, etag)
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        return wrapper

    @staticmethod
    def _keepable(scope: dict, start: dict) -> bool:
        if start["status"] != 200:
            return False
        route = scope.get("route")
        if not getattr(getattr(route, "endpoint", None), "keep_answer", False):
            return False
        state = scope.get("state", {})
        caller = state.get("caller")
        if caller is None or caller.role is None or not state.get("router"):
            return False
        names = {n for n, _ in start.get("headers", [])}
        ctype = dict(start.get("headers", [])).get(b"content-type", b"")
        return b"set-cookie" not in names and ctype.startswith(b"application/json")

    def _store(self, scope, reads: Versions, headers, body: bytes, etag: bytes) -> None:
        if len(body) > _MAX_BODY or any(v is None for v in reads.values()):
            return  # a table whose version could not be learnt: nothing to check a hit against
        req = _Request.of(scope)
        state = scope["state"]
        if req is None or not req.secret:
            return
        deps = tuple((t, name, v) for (_, name), (t, v) in reads.items())  # type: ignore[misc]
        entry = _Entry(scope["route"], state["router"], deps, headers, body, etag)
        k = req.key(scope, state["caller"].role)
        self._drop(k)
        self._data[k] = entry
        self._bytes += len(body)
        self.stored += 1
        while len(self._data) > self.max_entries or self._bytes > self.max_bytes:
            self._drop(next(iter(self._data)))

    def _drop(self, k: tuple) -> None:
        entry = self._data.pop(k, None)
        if entry is not None:
            self._bytes -= len(entry.body)


async def _current(reads: tuple[tuple[Any, str, int | None], ...]) -> bool:
    """Whether every table read still has the version seen: one ``stat`` each on a local store;
    a table that changed (or lives in object storage) has its log read in the thread pool."""
    now = [t.known_version(name) for t, name, _ in reads]
    if any(v is UNKNOWN for v in now):
        now = await run_in_threadpool(lambda: [t.version(name) for t, name, _ in reads])
    return all(v == seen for v, (_, _, seen) in zip(now, reads))


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    """RFC 9110 weak comparison of ``If-None-Match`` against the stored ETag."""
    tags = {t.strip().removeprefix(b"W/") for t in if_none_match.split(b",")}
    return b"*" in tags or etag in tags
