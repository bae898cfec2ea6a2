"""A client for podsim's binary TCP protocol, version 1 — standard library only.

Written from docs/PROTOCOL.md, not from podsim's Swift code: it is the proof that another
service can call podsim without Swift. Copy this one file into your project.

    from podsim_client import Client

    with Client("127.0.0.1", 7411) as podsim:
        for hit in podsim.similar("devops-paradox-341", k=5):
            print(hit.id, round(hit.score, 3), hit.title)

A `Client` holds one TCP connection, opened on the first call (with AUTH first when given a
token) and opened again on the next call after it drops. It is synchronous and not thread-safe:
use one per thread. `pipeline()` sends many requests in one write and matches the answers by
request id. Failures raise:

- `PodsimError`: the server answered a non-zero status (known or not), with its message;
- `ProtocolViolation`: the server's bytes break the protocol (the connection is closed);
- `ConnectionClosed`: the connection ended before the answer came;
- `TimeoutError` (the built-in): no answer within `timeout` seconds (the connection is closed,
  so a late answer cannot be mistaken for another's).

TLS, for a server started with `--tls-cert` and `--tls-key`: pass an `ssl.SSLContext`, e.g.
`Client("podsim.internal", 7411, tls=ssl.create_default_context(cafile="ca.pem"))`, or
`tls=True` for the system's trust roots. The certificate is checked against `host`.
"""

from __future__ import annotations

import select
import socket
import ssl
import struct
from dataclasses import dataclass
from typing import Any, Callable, Iterable, NamedTuple, Sequence

__all__ = [
    "Client", "Request", "PodsimError", "ProtocolViolation", "ConnectionClosed",
    "EpisodeHit", "GuestHit", "TermContribution", "ServerInfo", "EpisodeDetails", "ReloadResult",
    "AddResult", "DeleteResult", "ServerStats", "ShowHit", "GuestProfile", "encode_frame", "decode_frame", "Reader",
    "requests",
]

VERSION = 1
#: Bytes after the length field of every frame: version, opcode, status, request id.
HEADER_BYTES = 8
#: The server's default max frame size (1 MiB); frames the client sends or accepts, at most.
DEFAULT_MAX_FRAME_BYTES = 1 << 20

# Opcodes (docs/PROTOCOL.md §6).
PING, INFO, SIMILAR, SEARCH, GUESTS, EPISODE, EXPLAIN, GUESTS_LIKE = 0x01, 0x02, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15
RELOAD, STATS, AUTH, ADD = 0x30, 0x31, 0x32, 0x33
DELETE, UPSERT = 0x34, 0x35
RECOMMEND, SIMILAR_SHOWS, GUEST = 0x16, 0x17, 0x18  # protocol v1.1

#: Status names (docs/PROTOCOL.md §5); a status not listed is still an error with a message.
STATUS_NAMES = {
    0: "OK", 1: "BAD_REQUEST", 2: "NOT_FOUND", 3: "UNKNOWN_OPCODE", 4: "UNSUPPORTED_VERSION",
    5: "FRAME_TOO_LARGE", 6: "BUSY", 7: "UNAUTHORIZED", 8: "INTERNAL", 9: "MODEL_REJECTED",
}


class PodsimError(Exception):
    """The server answered with a non-zero status; `message` is the server's own words."""

    def __init__(self, status: int, message: str, opcode: int):
        self.status, self.message, self.opcode = status, message, opcode
        name = STATUS_NAMES.get(status, "status")
        super().__init__(f"{name} ({status}): {message}")


class ProtocolViolation(Exception):
    """The server sent bytes that break the protocol; the connection was closed."""


class ConnectionClosed(ConnectionError):
    """The connection ended before the answer came; the next call connects again."""


# --- Records (docs/PROTOCOL.md §6) -------------------------------------------------------

class EpisodeHit(NamedTuple):
    id: str
    score: float
    show: str
    title: str


class GuestHit(NamedTuple):
    name: str
    score: float
    episode_ids: list[str]


class TermContribution(NamedTuple):
    term: str
    contribution: float


class ServerInfo(NamedTuple):
    server_version: str
    model_id: str
    episodes: int
    guests: int
    terms: int
    dimensions: int


class EpisodeDetails(NamedTuple):
    id: str
    show: str
    title: str
    published: str  # yyyy-mm-dd, or "" when unknown
    guests: list[str]
    description: str


class ShowHit(NamedTuple):
    show: str
    score: float
    episodes: int
    episode_ids: list[str]  # up to 3 of the show's episodes that earned the score, best first


class GuestProfile(NamedTuple):
    name: str
    shows: list[str]  # newest first
    episode_ids: list[str]  # newest first
    top_terms: list[str]  # up to 10


class ReloadResult(NamedTuple):
    model_id: str
    episodes: int


class AddResult(NamedTuple):
    added: int
    episodes_total: int
    unknown_term_share: float
    refit_due: bool


class DeleteResult(NamedTuple):
    deleted: int  # ids the model did not know are not counted
    episodes_total: int


@dataclass
class ServerStats:
    uptime_ms: int
    model_id: str
    open_connections: int
    connections_accepted: int
    requests: dict[int, int]  # opcode -> count
    answers: dict[int, int]  # status -> count
    latency_count: int
    p50_us: int
    p90_us: int
    p99_us: int
    p999_us: int
    max_us: int


# --- Body primitives (docs/PROTOCOL.md §3) -----------------------------------------------

class Reader:
    """Reads a body field by field; every count is checked against the bytes left before use."""

    def __init__(self, body: bytes, context: str):
        self.body, self.offset, self.context = body, 0, context

    def _take(self, count: int, field: str) -> bytes:
        if count > len(self.body) - self.offset:
            raise ProtocolViolation(
                f"{self.context}: {field} needs {count} bytes at byte {self.offset}, "
                f"but the body has {len(self.body) - self.offset} left")
        chunk = self.body[self.offset:self.offset + count]
        self.offset += count
        return chunk

    def u8(self, field: str) -> int: return self._take(1, field)[0]
    def u16(self, field: str) -> int: return struct.unpack(">H", self._take(2, field))[0]
    def u32(self, field: str) -> int: return struct.unpack(">I", self._take(4, field))[0]
    def u64(self, field: str) -> int: return struct.unpack(">Q", self._take(8, field))[0]
    def f32(self, field: str) -> float: return struct.unpack(">f", self._take(4, field))[0]

    def flag(self, field: str) -> bool:
        value = self.u8(field)
        if value > 1:
            raise ProtocolViolation(f"{self.context}: {field} is {value}; a bool is 0 or 1")
        return value == 1

    def string(self, field: str) -> str:
        raw = self._take(self.u32(field), field)
        try:
            return raw.decode("utf-8")  # strict: refuses overlong forms and surrogates
        except UnicodeDecodeError as error:
            raise ProtocolViolation(f"{self.context}: {field} is not UTF-8 ({error.reason})") from None

    def items(self, field: str, element: Callable[[Reader], Any], min_element_bytes: int) -> list:
        count = self.u32(field)
        # Never allocate from a count the peer sent before checking it fits the body.
        if count * min_element_bytes > len(self.body) - self.offset:
            raise ProtocolViolation(f"{self.context}: {field} announces {count} elements, more than the body holds")
        return [element(self) for _ in range(count)]

    def strings(self, field: str) -> list[str]:
        return self.items(field, lambda r: r.string(field), 4)

    def finish(self) -> None:
        if self.offset != len(self.body):
            raise ProtocolViolation(f"{self.context}: {len(self.body) - self.offset} bytes left over after the last field")


def _str(text: str) -> bytes:
    data = text.encode("utf-8")
    return struct.pack(">I", len(data)) + data


def _strs(texts: Sequence[str]) -> bytes:
    return struct.pack(">I", len(texts)) + b"".join(_str(t) for t in texts)


def encode_frame(opcode: int, request_id: int, body: bytes = b"", status: int = 0) -> bytes:
    """A whole frame: u32 length (8 + body), u8 version 1, u8 opcode, u16 status, u32 id, body."""
    return struct.pack(">IBBHI", HEADER_BYTES + len(body), VERSION, opcode, status, request_id) + body


def decode_frame(frame: bytes) -> tuple[int, int, int, bytes]:
    """(opcode, status, request_id, body) of one whole frame, length field included."""
    length, version, opcode, status, request_id = struct.unpack(">IBBHI", frame[:12])
    if length != len(frame) - 4:
        raise ProtocolViolation(f"frame length field says {length} bytes, the frame has {len(frame) - 4}")
    if version != VERSION:
        raise ProtocolViolation(f"frame version {version}; this client speaks version {VERSION}")
    return opcode, status, request_id, frame[12:]


# --- Requests (docs/PROTOCOL.md §7, §8) ----------------------------------------------------

class Request(NamedTuple):
    """One request: its opcode, its body, and how to read a status-0 answer's body."""
    opcode: int
    body: bytes
    decode: Callable[[Reader], Any]


def _k(k: int) -> bytes:
    if not 0 <= k <= 0xFFFF:
        raise ValueError(f"k must be 1…65535 (a u16), got {k}")
    return struct.pack(">H", k)


def _options(shows: Sequence[str] | None, published_from: str | None, published_to: str | None,
             diversity: float | None, exclude_ids: Sequence[str] | None = None, offset: int | None = None,
             min_score: float | None = None, max_per_show: int | None = None,
             recency: tuple[float, float] | None = None) -> bytes:
    """Trailing TLV options, in tag order: u8 tag, u32 length, value. None leaves one out.

    v1.1: `exclude_ids` (never return these), `offset` (paging, ≤ 10,000), `min_score` in [-1, 1],
    `max_per_show` (≥ 1), `recency` = (half_life_days, weight). Values are the server's to check.
    """
    values = [(0x01, _strs(shows) if shows is not None else None),
              (0x02, _str(published_from) if published_from is not None else None),
              (0x03, _str(published_to) if published_to is not None else None),
              (0x04, struct.pack(">f", diversity) if diversity is not None else None),
              (0x05, _strs(exclude_ids) if exclude_ids is not None else None),
              (0x06, struct.pack(">I", offset) if offset is not None else None),
              (0x07, struct.pack(">f", min_score) if min_score is not None else None),
              (0x08, struct.pack(">H", max_per_show) if max_per_show is not None else None),
              (0x09, struct.pack(">ff", *recency) if recency is not None else None)]
    return b"".join(struct.pack(">BI", tag, len(v)) + v for tag, v in values if v is not None)


def _guest_options(shows: Sequence[str] | None = None, published_from: str | None = None,
                   published_to: str | None = None, not_on_shows: Sequence[str] | None = None,
                   exclude_guests: Sequence[str] | None = None) -> bytes:
    """GUESTS / GUESTS_LIKE options, in tag order: 0x01–0x03 restrict the evidence episodes, 0x10
    not_on_shows keeps only guests never on those shows, 0x11 exclude_guests leaves people out."""
    values = [(0x01, _strs(shows) if shows is not None else None),
              (0x02, _str(published_from) if published_from is not None else None),
              (0x03, _str(published_to) if published_to is not None else None),
              (0x10, _strs(not_on_shows) if not_on_shows is not None else None),
              (0x11, _strs(exclude_guests) if exclude_guests is not None else None)]
    return b"".join(struct.pack(">BI", tag, len(v)) + v for tag, v in values if v is not None)


def _hit(r: Reader) -> EpisodeHit:
    return EpisodeHit(r.string("id"), r.f32("score"), r.string("show"), r.string("title"))


def _guest(r: Reader) -> GuestHit:
    return GuestHit(r.string("name"), r.f32("score"), r.strings("episode_ids"))


def _stats(r: Reader) -> ServerStats:
    head = (r.u64("uptime_ms"), r.string("model_id"), r.u32("open_connections"), r.u64("connections_accepted"))
    requests_ = dict(r.items("requests", lambda e: (e.u8("opcode"), e.u64("count")), 9))
    answers = dict(r.items("answers", lambda e: (e.u16("status"), e.u64("count")), 10))
    latency = [r.u64(f) for f in ("latency_count", "p50_us", "p90_us", "p99_us", "p999_us", "max_us")]
    return ServerStats(*head, requests_, answers, *latency)


class requests:  # noqa: N801 — a namespace of request builders, used as `requests.similar(...)`
    """Builders of every request, for `Client.call` and `Client.pipeline`."""

    @staticmethod
    def ping() -> Request: return Request(PING, b"", lambda r: None)

    @staticmethod
    def info() -> Request:
        return Request(INFO, b"", lambda r: ServerInfo(
            r.string("server_version"), r.string("model_id"), r.u32("episodes"), r.u32("guests"), r.u32("terms"),
            r.u16("dimensions")))

    @staticmethod
    def similar(episode_id: str, k: int = 10, exclude_same_show: bool = False, shows: Sequence[str] | None = None,
                published_from: str | None = None, published_to: str | None = None,
                diversity: float | None = None, **ranking: Any) -> Request:
        """`diversity` in [0, 1]: 0 is the plain ranking, higher trades relevance for variety (MMR).
        `ranking`: the v1.1 options of `_options` (exclude_ids, offset, min_score, max_per_show, recency)."""
        body = _str(episode_id) + _k(k) + bytes([1 if exclude_same_show else 0])
        body += _options(shows, published_from, published_to, diversity, **ranking)
        return Request(SIMILAR, body, lambda r: r.items("hits", _hit, 16))

    @staticmethod
    def search(text: str, k: int = 10, shows: Sequence[str] | None = None, published_from: str | None = None,
               published_to: str | None = None, diversity: float | None = None, **ranking: Any) -> Request:
        body = _str(text) + _k(k) + b"\x00" + _options(shows, published_from, published_to, diversity, **ranking)
        return Request(SEARCH, body, lambda r: r.items("hits", _hit, 16))

    @staticmethod
    def guests(topic: str, k: int = 10, **options: Any) -> Request:
        """Options: shows, published_from, published_to (evidence); not_on_shows, exclude_guests."""
        return Request(GUESTS, _str(topic) + _k(k) + _guest_options(**options), lambda r: r.items("guests", _guest, 12))

    @staticmethod
    def episode(episode_id: str) -> Request:
        return Request(EPISODE, _str(episode_id), lambda r: EpisodeDetails(
            r.string("id"), r.string("show"), r.string("title"), r.string("published"), r.strings("guests"), r.string("description")))

    @staticmethod
    def explain(episode_a: str, episode_b: str, k: int = 10) -> Request:
        return Request(EXPLAIN, _str(episode_a) + _str(episode_b) + _k(k), lambda r: r.items(
            "terms", lambda e: TermContribution(e.string("term"), e.f32("contribution")), 8))

    @staticmethod
    def guests_like(guest_name: str, k: int = 10, **options: Any) -> Request:
        """The options of `guests`."""
        body = _str(guest_name) + _k(k) + _guest_options(**options)
        return Request(GUESTS_LIKE, body, lambda r: r.items("guests", _guest, 12))

    @staticmethod
    def recommend(like: Sequence[str] = (), unlike: Sequence[str] = (), text: str = "", k: int = 10,
                  exclude_liked_shows: bool = False, shows: Sequence[str] | None = None,
                  published_from: str | None = None, published_to: str | None = None,
                  diversity: float | None = None, **ranking: Any) -> Request:
        """More like `like` and `text`, less like `unlike` (v1.1). At least one liked id or a text;
        at most 1,000 ids a list; an unknown id is status 2 naming it."""
        body = _strs(like) + _strs(unlike) + _str(text) + _k(k) + bytes([1 if exclude_liked_shows else 0])
        body += _options(shows, published_from, published_to, diversity, **ranking)
        return Request(RECOMMEND, body, lambda r: r.items("hits", _hit, 16))

    @staticmethod
    def similar_shows(show: str, k: int = 10) -> Request:
        """Shows like `show` (exact name), best first, never itself (v1.1); status 2 when unknown."""
        return Request(SIMILAR_SHOWS, _str(show) + _k(k), lambda r: r.items("shows", lambda e: ShowHit(
            e.string("show"), e.f32("score"), e.u32("episodes"), e.strings("episode_ids")), 16))

    @staticmethod
    def guest(name: str) -> Request:
        """One guest's profile, the name in any spelling (v1.1); status 2 when unknown."""
        return Request(GUEST, _str(name), lambda r: GuestProfile(
            r.string("name"), r.strings("shows"), r.strings("episode_ids"), r.strings("top_terms")))

    @staticmethod
    def reload() -> Request:
        return Request(RELOAD, b"", lambda r: ReloadResult(r.string("model_id"), r.u32("episodes")))

    @staticmethod
    def stats() -> Request: return Request(STATS, b"", _stats)

    @staticmethod
    def auth(token: str) -> Request: return Request(AUTH, _str(token), lambda r: None)

    @staticmethod
    def add(jsonl: str) -> Request: return Request(ADD, _str(jsonl), _add_result)

    @staticmethod
    def upsert(jsonl: str) -> Request: return Request(UPSERT, _str(jsonl), _add_result)

    @staticmethod
    def delete(episode_ids: Sequence[str]) -> Request:
        return Request(DELETE, _strs(episode_ids), lambda r: DeleteResult(r.u32("deleted"), r.u32("episodes_total")))


def _add_result(r: Reader) -> AddResult:
    """ADD's and UPSERT's answer."""
    return AddResult(r.u32("added"), r.u32("episodes_total"), r.f32("unknown_term_share"), r.flag("refit_due"))


def decode_answer(request: Request, opcode: int, status: int, body: bytes) -> Any:
    """The value of a status-0 answer, or a `PodsimError` for any other status (not raised)."""
    reader = Reader(body, f"answer to opcode 0x{request.opcode:02X}")
    if status != 0:
        message = reader.string("message")
        reader.finish()
        return PodsimError(status, message, opcode)
    value = request.decode(reader)
    reader.finish()
    return value


# --- The connection --------------------------------------------------------------------------

class Client:
    """One connection to a podsim server; see the module's documentation."""

    def __init__(self, host: str = "127.0.0.1", port: int = 7411, timeout: float | None = 30.0,
                 auth_token: str | None = None, max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES,
                 tls: ssl.SSLContext | bool = False):
        self.host, self.port, self.timeout = host, port, timeout
        self.auth_token, self.max_frame_bytes = auth_token, max_frame_bytes
        self.tls = ssl.create_default_context() if tls is True else (tls or None)
        self._socket: socket.socket | None = None
        # Bytes read ahead of a frame: a TLS socket cannot peek, so the liveness check reads.
        self._buffer = b""
        # The liveness check read the end of a TLS stream: it is read once, so it is remembered.
        self._ended = False
        self._next_id = 1

    def __enter__(self) -> Client: return self
    def __exit__(self, *exc: object) -> None: self.close()

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        self._buffer = b""
        self._ended = False

    # Typed calls: each sends one request and returns its answer, or raises.
    def ping(self) -> None: return self.call(requests.ping())
    def info(self) -> ServerInfo: return self.call(requests.info())
    def similar(self, episode_id: str, k: int = 10, **options: Any) -> list[EpisodeHit]:
        return self.call(requests.similar(episode_id, k, **options))
    def search(self, text: str, k: int = 10, **options: Any) -> list[EpisodeHit]:
        return self.call(requests.search(text, k, **options))
    def guests(self, topic: str, k: int = 10, **options: Any) -> list[GuestHit]:
        return self.call(requests.guests(topic, k, **options))
    def episode(self, episode_id: str) -> EpisodeDetails: return self.call(requests.episode(episode_id))
    def explain(self, a: str, b: str, k: int = 10) -> list[TermContribution]: return self.call(requests.explain(a, b, k))
    def guests_like(self, name: str, k: int = 10, **options: Any) -> list[GuestHit]:
        return self.call(requests.guests_like(name, k, **options))
    def recommend(self, like: Sequence[str] = (), unlike: Sequence[str] = (), text: str = "", k: int = 10,
                  **options: Any) -> list[EpisodeHit]:
        return self.call(requests.recommend(like, unlike, text, k, **options))
    def similar_shows(self, show: str, k: int = 10) -> list[ShowHit]: return self.call(requests.similar_shows(show, k))
    def guest(self, name: str) -> GuestProfile: return self.call(requests.guest(name))
    def reload(self) -> ReloadResult: return self.call(requests.reload())
    def stats(self) -> ServerStats: return self.call(requests.stats())
    def add(self, jsonl: str) -> AddResult: return self.call(requests.add(jsonl))
    def upsert(self, jsonl: str) -> AddResult: return self.call(requests.upsert(jsonl))
    def delete(self, episode_ids: Sequence[str]) -> DeleteResult: return self.call(requests.delete(episode_ids))

    def call(self, request: Request) -> Any:
        """Sends one request and returns its answer's value; a non-zero status raises `PodsimError`."""
        result = self.pipeline([request])[0]
        if isinstance(result, PodsimError):
            raise result
        return result

    def pipeline(self, batch: Iterable[Request]) -> list[Any]:
        """Sends every request in one write, then reads the answers, matching them by request id.

        Returns one entry per request, in order: the answer's value, or a `PodsimError` for a
        non-zero status (returned, not raised, so one NOT_FOUND does not hide the other answers).
        """
        batch = list(batch)
        sock = self._connected()
        ids = [self._take_id() for _ in batch]
        frames = [encode_frame(r.opcode, i, r.body) for r, i in zip(batch, ids)]
        for frame in frames:
            if len(frame) - 4 > self.max_frame_bytes:
                raise ValueError(f"a request of {len(frame) - 4} bytes is above the max frame size {self.max_frame_bytes}")
        waiting = {i: n for n, i in enumerate(ids)}
        results: list[Any] = [None] * len(batch)
        try:
            sock.sendall(b"".join(frames))
            while waiting:
                opcode, status, request_id, body = self._read_frame(sock)
                if request_id == 0 and status != 0:
                    # A connection-level answer (FRAME_TOO_LARGE, BUSY): the server closes after it.
                    message = Reader(body, "connection-level answer").string("message")
                    self.close()
                    raise PodsimError(status, message, opcode)
                index = waiting.pop(request_id, None)
                if index is None or batch[index].opcode != opcode:
                    raise ProtocolViolation(f"answer with request id {request_id} and opcode 0x{opcode:02X} matches no request")
                results[index] = decode_answer(batch[index], opcode, status, body)
        except (ProtocolViolation, OSError):
            # A timeout, a reset or broken framing: this connection cannot be trusted any more.
            self.close()
            raise
        return results

    # --- Internals -------------------------------------------------------------------------

    def _take_id(self) -> int:
        request_id = self._next_id
        self._next_id = self._next_id % 0xFFFFFFFF + 1  # wraps past 0, which the server uses itself
        return request_id

    def _connected(self) -> socket.socket:
        if self._socket is not None and not self._still_open(self._socket):
            self.close()  # the server closed it meanwhile (idle timeout, restart): connect again
        if self._socket is None:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.tls is not None:
                try:
                    sock = self.tls.wrap_socket(sock, server_hostname=self.host)
                except BaseException:
                    sock.close()
                    raise
            self._socket = sock
            if self.auth_token is not None:
                try:
                    self.call(requests.auth(self.auth_token))
                except BaseException:
                    self.close()
                    raise
        return self._socket

    def _still_open(self, sock: socket.socket) -> bool:
        """Whether an idle connection is still open. Nothing is due between calls, so a readable
        socket means end of stream (or a reset) — unless bytes wait: the server's last word
        before it closed (BUSY), which the next read reports."""
        if self._buffer:
            return True
        if self._ended:
            return False
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            if not readable:
                return True
            if not isinstance(sock, ssl.SSLSocket):
                return sock.recv(1, socket.MSG_PEEK) != b""
            # TLS cannot peek, and readable may mean only a TLS record (a session ticket): read
            # without blocking and keep whatever application bytes came.
            sock.setblocking(False)
            try:
                self._buffer = sock.recv(1 << 16)
                self._ended = self._buffer == b""
                return not self._ended
            except ssl.SSLWantReadError:
                return True
            finally:
                sock.settimeout(self.timeout)
        except OSError:
            return False

    def _read_exactly(self, sock: socket.socket, count: int) -> bytes:
        taken, self._buffer = self._buffer[:count], self._buffer[count:]
        chunks, left = [taken], count - len(taken)
        while left:
            chunk = sock.recv(min(left, 1 << 16))
            if not chunk:
                raise ConnectionClosed(f"the server at {self.host}:{self.port} closed the connection")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _read_frame(self, sock: socket.socket) -> tuple[int, int, int, bytes]:
        (length,) = struct.unpack(">I", self._read_exactly(sock, 4))
        # The same two rules the server applies (docs/PROTOCOL.md §2), checked before reading on.
        if length < HEADER_BYTES or length > self.max_frame_bytes:
            raise ProtocolViolation(f"frame length {length} is outside 8…{self.max_frame_bytes}")
        rest = self._read_exactly(sock, length)
        return decode_frame(struct.pack(">I", length) + rest)
