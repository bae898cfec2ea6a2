"""The Python client against a real `podsim serve` on the seed model: every core opcode and
addition, error statuses, pipelining and reconnects. Run from the repository root:

    python3 -m unittest discover -s clients/python -v
"""

from __future__ import annotations

import select
import socket
import ssl
import struct
import time
import unittest

from podsim_client import (
    ADD, PING, Client, ConnectionClosed, EpisodeHit, PodsimError, ProtocolViolation, Request, decode_frame,
    encode_frame, requests,
)
from server_process import REPOSITORY, ServerProcess

TLS_FIXTURES = REPOSITORY / "Tests" / "Fixtures" / "tls"

KUBE_EPISODE = ('{"id":"python-added-1","show":"Python Show","title":"DNS resolvers and email deliverability",'
                '"published":"2025-09-01","description":"DNS records, resolvers and email deliverability.",'
                '"guests":["Ada Lovelace"]}\n')


def wait_until_the_server_closes(client: Client, timeout: float = 30.0) -> None:
    """Blocks until the server has closed the client's idle connection: its end of stream (or
    TLS close_notify) has arrived. Wakes on the socket, not on a clock; `timeout` only bounds a
    failure, so it is generous for a loaded 2-core machine."""
    sock = client._socket
    assert sock is not None, "the client has no connection to wait on"
    deadline = time.monotonic() + timeout
    while client._still_open(sock):
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError(f"the server did not close the idle connection within {timeout} s")
        select.select([sock], [], [], left)  # readable: the end of stream (or a TLS record) came


def raw_exchange(port: int, data: bytes) -> tuple[bytes, bool]:
    """Sends raw bytes and reads until the server closes or goes quiet: (bytes read, closed)."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(data)
        received = b""
        sock.settimeout(1.0)
        try:
            while chunk := sock.recv(65536):
                received += chunk
            return received, True
        except TimeoutError:
            return received, False


class QueryTests(unittest.TestCase):
    """Reads only: one server for the class."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = ServerProcess().__enter__()
        cls.client = Client(port=cls.server.port, timeout=10)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.client.close()
        cls.server.stop()

    def test_ping_and_info(self) -> None:
        self.assertIsNone(self.client.ping())
        info = self.client.info()
        self.assertEqual((info.episodes, info.dimensions), (30, 24))
        self.assertTrue(info.server_version.startswith("podsim "))
        self.assertTrue(info.model_id.startswith("podsim-"))
        self.assertGreater(info.guests, 10)
        self.assertGreater(info.terms, 100)

    def test_similar(self) -> None:
        hits = self.client.similar("devops-paradox-333", k=5)
        self.assertEqual(len(hits), 5)
        self.assertEqual(hits[0].id, "platform-engineering-podcast-2025-07-30")
        self.assertNotIn("devops-paradox-333", [h.id for h in hits])
        self.assertEqual([h.score for h in hits], sorted((h.score for h in hits), reverse=True))
        self.assertTrue(all(-1 <= h.score <= 1 for h in hits))
        other_shows = self.client.similar("devops-paradox-333", k=20, exclude_same_show=True)
        self.assertTrue(other_shows and all(h.show != "DevOps Paradox" for h in other_shows))

    def test_similar_with_options(self) -> None:
        spring = self.client.similar("platform-engineering-podcast-2025-07-30", k=30,
                                     published_from="2025-04-01", published_to="2025-06-30")
        self.assertEqual({h.id for h in spring}, {
            "platform-engineering-podcast-2025-04-02", "platform-engineering-podcast-2025-04-16",
            "platform-engineering-podcast-2025-04-30", "platform-engineering-podcast-2025-05-28"})
        plain = self.client.similar("devops-paradox-333", k=8)
        self.assertEqual(self.client.similar("devops-paradox-333", k=8, diversity=0.0), plain, "0 is the plain ranking")
        varied = self.client.similar("devops-paradox-333", k=8, diversity=0.7)
        self.assertNotEqual([h.id for h in varied], [h.id for h in plain])
        self.assertEqual(varied[0], plain[0], "MMR keeps the best hit first")

    def test_search(self) -> None:
        hits = self.client.search("DNS and email deliverability", k=3)
        self.assertEqual(hits[0].id, "devops-paradox-339")
        self.assertIsInstance(hits[0], EpisodeHit)
        self.assertEqual(self.client.search("zzyzx qwxv", k=3), [], "no known word: an empty answer, not an error")
        only = self.client.search("kubernetes platform", k=30, shows=["DevOps Paradox"])
        self.assertTrue(only and all(h.show == "DevOps Paradox" for h in only))

    def test_guests(self) -> None:
        guests = self.client.guests("feature flags experimentation", k=3)
        self.assertEqual(guests[0].name, "Trevor Stuart")
        self.assertEqual(guests[0].episode_ids, ["devops-paradox-341"])
        self.assertLessEqual(len(guests), 3)

    def test_episode(self) -> None:
        episode = self.client.episode("platform-engineering-podcast-2025-07-30")
        self.assertEqual((episode.show, episode.published, episode.guests),
                         ("Platform Engineering Podcast", "2025-07-30", ["Pete Hunt"]))
        self.assertIn("Dagster", episode.description)
        self.assertEqual(self.client.episode("devops-paradox-333").published, "", "unknown dates are empty")

    def test_explain_and_guests_like(self) -> None:
        terms = self.client.explain("devops-paradox-333", "platform-engineering-podcast-2025-07-30", k=5)
        self.assertEqual(len(terms), 5)
        self.assertIn("dagster", [t.term for t in terms])
        self.assertEqual([t.contribution for t in terms], sorted((t.contribution for t in terms), reverse=True))
        alike = self.client.guests_like("Trevor Stuart", k=3)
        self.assertEqual(len(alike), 3)
        self.assertNotIn("Trevor Stuart", [g.name for g in alike])

    def test_stats_and_reload(self) -> None:
        before = self.client.stats()
        self.client.ping()
        after = self.client.stats()
        self.assertEqual(after.requests[PING], before.requests.get(PING, 0) + 1)
        self.assertGreaterEqual(after.open_connections, 1)
        self.assertGreater(after.latency_count, 0)
        self.assertLessEqual(after.p50_us, after.max_us)
        reloaded = self.client.reload()
        self.assertEqual((reloaded.model_id, reloaded.episodes), (self.client.info().model_id, 30))

    def test_not_found_carries_the_servers_suggestion(self) -> None:
        with self.assertRaises(PodsimError) as raised:
            self.client.similar("devops-paradox-3411")
        self.assertEqual(raised.exception.status, 2)
        self.assertIn("did you mean 'devops-paradox-341'", raised.exception.message)
        for call in (lambda: self.client.episode("nope"), lambda: self.client.guests_like("Nobody Known Here"),
                     lambda: self.client.explain("devops-paradox-333", "nope")):
            with self.assertRaises(PodsimError) as raised:
                call()
            self.assertEqual(raised.exception.status, 2)

    def test_bad_requests_leave_the_connection_open(self) -> None:
        self.client.ping()
        connection = self.client._socket
        with self.assertRaises(PodsimError) as raised:
            self.client.similar("devops-paradox-333", k=0)
        self.assertEqual(raised.exception.status, 1)
        self.assertIn("k", raised.exception.message)
        # An unknown option tag (0x0A): the server refuses it rather than skipping a byte.
        bad_option = Request(0x11, requests.search("dns", 3).body + b"\x0a\x00\x00\x00\x00", lambda r: None)
        with self.assertRaises(PodsimError) as raised:
            self.client.call(bad_option)
        self.assertEqual(raised.exception.status, 1)
        # An opcode the server does not know: status 3, echoing the opcode.
        with self.assertRaises(PodsimError) as raised:
            self.client.call(Request(0x7F, b"", lambda r: None))
        self.assertEqual((raised.exception.status, raised.exception.opcode), (3, 0x7F))
        self.client.ping()
        self.assertIs(self.client._socket, connection, "status 1 and 3 keep the connection")

    def test_recommend_similar_shows_and_guest(self) -> None:
        like = ["devops-paradox-329", "platform-engineering-podcast-2025-05-28"]
        hits = self.client.recommend(like, unlike=["devops-paradox-333"], text="agents", k=6, max_per_show=4)
        self.assertEqual(len(hits), 6)
        self.assertFalse({h.id for h in hits} & set(like + ["devops-paradox-333"]), "liked and unliked never return")
        self.assertEqual([h.id for h in self.client.recommend(["devops-paradox-333"], k=5)],
                         [h.id for h in self.client.similar("devops-paradox-333", k=5)], "one liked episode ranks as SIMILAR")
        other = self.client.recommend(["devops-paradox-329"], k=5, exclude_liked_shows=True)
        self.assertTrue(other and all(h.show != "DevOps Paradox" for h in other))
        shows = self.client.similar_shows("DevOps Paradox", k=3)
        self.assertEqual([s.show for s in shows], ["Platform Engineering Podcast"])
        self.assertEqual((shows[0].episodes, len(shows[0].episode_ids)), (10, 3))
        guest = self.client.guest("Dr.  pete HUNT")
        self.assertEqual((guest.name, guest.shows), ("Pete Hunt", ["Platform Engineering Podcast", "DevOps Paradox"]))
        self.assertEqual(guest.episode_ids, ["platform-engineering-podcast-2025-07-30", "devops-paradox-333"])
        self.assertIn("dagster", guest.top_terms)
        for call, message in ((lambda: self.client.recommend(["devops-paradox-3411"]), "like_ids: unknown episode id"),
                              (lambda: self.client.similar_shows("Cooking"), "unknown show 'Cooking'"),
                              (lambda: self.client.guest("Pete Hant"), "did you mean 'Pete Hunt'")):
            with self.assertRaises(PodsimError) as raised:
                call()
            self.assertEqual(raised.exception.status, 2)
            self.assertIn(message, raised.exception.message)

    def test_paging_and_ranking_options(self) -> None:
        whole = self.client.search("kubernetes platform", k=12)
        pages = [h for offset in (0, 4, 8) for h in self.client.search("kubernetes platform", k=4, offset=offset)]
        self.assertEqual(pages, whole)
        capped = self.client.search("kubernetes", k=4, max_per_show=2)
        self.assertEqual(sorted(h.show for h in capped), ["DevOps Paradox"] * 2 + ["Platform Engineering Podcast"] * 2)
        excluded = self.client.similar("devops-paradox-333", k=5, exclude_ids=[whole[0].id, "nope"])
        self.assertNotIn(whole[0].id, [h.id for h in excluded])
        floor = self.client.similar("devops-paradox-333", k=30, min_score=0.1)
        self.assertTrue(floor and all(h.score >= 0.1 for h in floor))
        recent = self.client.search("platform", k=5, recency=(30.0, 0.5))
        self.assertEqual(recent, self.client.search("platform", k=5, recency=(30.0, 0.5)), "recency reproduces")

    def test_each_malformed_option_is_status_1_naming_it(self) -> None:
        for options, name in (({"exclude_ids": []}, "exclude_ids"), ({"offset": 10001}, "offset"),
                              ({"min_score": float("nan")}, "min_score"), ({"min_score": 2.0}, "min_score"),
                              ({"max_per_show": 0}, "max_per_show"), ({"recency": (0.0, 0.5)}, "recency"),
                              ({"recency": (30.0, float("nan"))}, "recency")):
            with self.subTest(name=name, options=options), self.assertRaises(PodsimError) as raised:
                self.client.similar("devops-paradox-333", k=3, **options)
            self.assertEqual(raised.exception.status, 1)
            self.assertIn(f"option {name}", raised.exception.message)
        with self.assertRaises(PodsimError) as raised:
            self.client.recommend([], unlike=["devops-paradox-333"])
        self.assertEqual(raised.exception.status, 1)
        self.client.ping()

    def test_pipelining_matches_every_answer_by_id(self) -> None:
        ids = [f"devops-paradox-{n}" for n in range(322, 342)]
        expected = {i: self.client.similar(i, k=3) for i in ids}
        batch = []
        for i in ids:
            batch += [requests.similar(i, k=3), requests.episode(i), requests.ping()]
        batch.insert(7, requests.episode("nope"))
        results = self.client.pipeline(batch)
        self.assertEqual(len(results), len(batch))
        self.assertIsInstance(results[7], PodsimError)
        self.assertEqual(results[7].status, 2)
        del results[7], batch[7]
        for n, i in enumerate(ids):
            self.assertEqual(results[3 * n], expected[i])
            self.assertEqual(results[3 * n + 1].id, i)
            self.assertIsNone(results[3 * n + 2])

    def test_unsupported_version_is_answered_then_closed(self) -> None:
        frame = bytearray(encode_frame(PING, 16))
        frame[4] = 2  # version 2
        received, closed = raw_exchange(self.server.port, bytes(frame) + encode_frame(PING, 17))
        opcode, status, request_id, body = decode_frame(received)
        self.assertEqual((opcode, status, request_id, received[4]), (PING, 4, 16, 1), "version 1 in the answer")
        self.assertTrue(closed, "the request behind the bad frame is not answered")

    def test_a_bad_length_is_frame_too_large_then_closed(self) -> None:
        for length in (4, (1 << 20) + 1):
            received, closed = raw_exchange(self.server.port, struct.pack(">I", length))
            opcode, status, request_id, body = decode_frame(received)
            self.assertEqual((opcode, status, request_id), (0, 5, 0))
            self.assertTrue(closed)
        received, _ = raw_exchange(self.server.port, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertIn(b"HTTP", received, "the message says the stream looks like text")

    def test_timeout_then_reconnect(self) -> None:
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        try:
            client = Client(port=silent.getsockname()[1], timeout=0.3)
            started = time.monotonic()
            with self.assertRaises(TimeoutError):
                client.ping()
            self.assertLess(time.monotonic() - started, 10, "a timeout, not a hang")
            self.assertIsNone(client._socket, "a timed-out connection is dropped")
        finally:
            silent.close()

    def test_connection_refused(self) -> None:
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        with self.assertRaises(ConnectionRefusedError):
            Client(port=port, timeout=5).ping()


class AdminTests(unittest.TestCase):
    """ADD and RELOAD change the served model: a server of their own."""

    def setUp(self) -> None:
        self.server = ServerProcess().__enter__()
        self.client = Client(port=self.server.port, timeout=30)

    def tearDown(self) -> None:
        self.client.close()
        self.server.stop()

    def test_add_folds_episodes_in(self) -> None:
        result = self.client.add(KUBE_EPISODE)
        self.assertEqual((result.added, result.episodes_total), (1, 31))
        self.assertTrue(0 <= result.unknown_term_share <= 1)
        self.assertIsInstance(result.refit_due, bool)
        self.assertEqual(self.client.episode("python-added-1").guests, ["Ada Lovelace"])
        self.assertIn("python-added-1", [h.id for h in self.client.search("email deliverability DNS", k=2)])
        self.assertEqual(self.client.reload().episodes, 31, "ADD rewrote the model file")

    def test_add_with_a_bad_line_adds_nothing(self) -> None:
        with self.assertRaises(PodsimError) as raised:
            self.client.add(KUBE_EPISODE + "{not json\n")
        self.assertEqual(raised.exception.status, 1)
        self.assertIn("line 2", raised.exception.message)
        self.assertEqual(self.client.info().episodes, 30)

    def test_delete_removes_episodes_and_counts_unknown_ids_out(self) -> None:
        nearest = self.client.similar("devops-paradox-333", k=1)[0].id
        result = self.client.delete([nearest, "no-such-episode"])
        self.assertEqual((result.deleted, result.episodes_total), (1, 29))
        self.assertNotIn(nearest, [h.id for h in self.client.similar("devops-paradox-333", k=30)])
        with self.assertRaises(PodsimError) as raised:
            self.client.episode(nearest)
        self.assertEqual(raised.exception.status, 2)
        self.assertEqual(self.client.reload().episodes, 29, "DELETE rewrote the model file")

    def test_upsert_replaces_an_episode_and_adds_a_new_one(self) -> None:
        replaced = KUBE_EPISODE.replace("python-added-1", "devops-paradox-339")
        result = self.client.upsert(replaced + KUBE_EPISODE)
        self.assertEqual((result.added, result.episodes_total), (2, 31))
        episode = self.client.episode("devops-paradox-339")
        self.assertEqual((episode.show, episode.guests), ("Python Show", ["Ada Lovelace"]))
        self.assertNotIn("Anthony Eden", [g.name for g in self.client.guests("DNS registrar", k=30)])

    def test_upsert_with_a_bad_line_changes_nothing(self) -> None:
        before = self.client.info()
        with self.assertRaises(PodsimError) as raised:
            self.client.upsert(KUBE_EPISODE.replace("python-added-1", "devops-paradox-339") + "{not json\n")
        self.assertEqual(raised.exception.status, 1)
        self.assertIn("line 2", raised.exception.message)
        self.assertEqual(self.client.info(), before)
        self.assertEqual(self.client.episode("devops-paradox-339").show, "DevOps Paradox")

    def test_delete_and_upsert_without_auth_are_unauthorized(self) -> None:
        with ServerProcess("--auth-token", "s3cret") as server:
            anonymous = Client(port=server.port, timeout=10)
            for call in (lambda: anonymous.delete(["devops-paradox-339"]), lambda: anonymous.upsert(KUBE_EPISODE)):
                with self.assertRaises(PodsimError) as raised:
                    call()
                self.assertEqual(raised.exception.status, 7)
            anonymous.close()
            client = Client(port=server.port, timeout=10, auth_token="s3cret")
            self.assertEqual(client.delete(["devops-paradox-339"]).deleted, 1)
            client.close()

    def test_reload_of_a_damaged_file_is_model_rejected(self) -> None:
        before = self.client.info()
        data = self.server.model.read_bytes()
        self.server.model.write_bytes(data[:-1000])
        with self.assertRaises(PodsimError) as raised:
            self.client.reload()
        self.assertEqual(raised.exception.status, 9)
        self.assertIn("truncated", raised.exception.message)
        self.assertEqual(self.client.info(), before, "the old model serves on")


class ConnectionLimitTests(unittest.TestCase):
    def test_frame_too_large_closes_and_the_next_call_reconnects(self) -> None:
        with ServerProcess("--max-frame", "4096") as server:
            client = Client(port=server.port, timeout=10)  # the client accepts up to 1 MiB
            client.ping()
            with self.assertRaises(PodsimError) as raised:
                client.call(Request(ADD, requests.add("x" * 10_000).body, lambda r: None))
            self.assertEqual((raised.exception.status, raised.exception.opcode), (5, 0))
            self.assertIn("4096", raised.exception.message)
            self.assertEqual(client.info().episodes, 30)
            self.assertEqual(client.stats().connections_accepted, 2)
            client.close()

    def test_busy_when_over_the_connection_limit(self) -> None:
        with ServerProcess("--max-connections", "1") as server:
            first = Client(port=server.port, timeout=10)
            first.ping()
            second = Client(port=server.port, timeout=10)
            with self.assertRaises((PodsimError, ConnectionClosed, ConnectionResetError)) as raised:
                second.ping()
            if isinstance(raised.exception, PodsimError):
                self.assertEqual(raised.exception.status, 6)
            first.close()
            second.close()

    def test_idle_close_is_reconnected_with_auth(self) -> None:
        with ServerProcess("--auth-token", "s3cret", "--idle-timeout", "1") as server:
            anonymous = Client(port=server.port, timeout=10)
            anonymous.ping()  # allowed before AUTH
            with self.assertRaises(PodsimError) as raised:
                anonymous.info()
            self.assertEqual(raised.exception.status, 7)
            anonymous.close()
            with self.assertRaises(PodsimError) as raised:
                Client(port=server.port, timeout=10, auth_token="guess").info()
            self.assertEqual(raised.exception.status, 7)
            client = Client(port=server.port, timeout=10, auth_token="s3cret")
            self.assertEqual(client.info().episodes, 30)
            accepted = client.stats().connections_accepted
            wait_until_the_server_closes(client)
            self.assertEqual(client.info().episodes, 30, "reconnected, and authenticated again")
            # At least one new connection (another idle close may come between the calls on a
            # loaded machine; the client reconnects with AUTH again then too).
            self.assertGreater(client.stats().connections_accepted, accepted)
            client.close()


class MalformedAnswerTests(unittest.TestCase):
    """Answers a real podsim never sends, from a listener that plays a broken server."""

    def answer_with(self, reply: bytes) -> Exception:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        client = Client(port=listener.getsockname()[1], timeout=5)
        try:
            client._connected()
            peer, _ = listener.accept()
            with peer:
                peer.sendall(reply)
                with self.assertRaises(Exception) as raised:
                    client.info()
            return raised.exception
        finally:
            client.close()
            listener.close()

    def test_unknown_status_is_an_error_with_its_message(self) -> None:
        body = struct.pack(">I", 3) + b"new"
        error = self.answer_with(encode_frame(0x02, 1, body, status=42))
        self.assertIsInstance(error, PodsimError)
        self.assertEqual((error.status, error.message), (42, "new"))

    def test_broken_answers_are_protocol_violations(self) -> None:
        for reply in (encode_frame(0x02, 99, b""),  # an id nobody asked for
                      encode_frame(0x02, 1, b"\x00\x00\x00\x64"),  # a str longer than the body
                      struct.pack(">I", 2 << 20)):  # above the client's max frame size
            self.assertIsInstance(self.answer_with(reply), ProtocolViolation, reply[:16].hex())


class TLSTests(unittest.TestCase):
    """A server started with the test certificate (Tests/Fixtures/tls): the same answers over TLS."""

    @classmethod
    def setUpClass(cls) -> None:
        cls.server = ServerProcess("--tls-cert", str(TLS_FIXTURES / "server.pem"),
                                   "--tls-key", str(TLS_FIXTURES / "server-key.pem"),
                                   "--idle-timeout", "0.5").__enter__()

    @classmethod
    def tearDownClass(cls) -> None:
        cls.server.stop()

    def trusting(self, name: str) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(TLS_FIXTURES / name))

    def test_queries_over_tls(self) -> None:
        for host in ("127.0.0.1", "localhost"):
            with Client(host, self.server.port, timeout=10, tls=self.trusting("ca.pem")) as client:
                client.ping()
                hits = client.similar("devops-paradox-333", k=3)
                self.assertEqual(hits[0].id, "platform-engineering-podcast-2025-07-30")
                answers = client.pipeline([requests.search("kubernetes", 2) for _ in range(20)])
                self.assertTrue(all(isinstance(a, list) and len(a) == 2 for a in answers))

    def test_reconnects_after_the_idle_timeout(self) -> None:
        with Client("127.0.0.1", self.server.port, timeout=10, tls=self.trusting("ca.pem")) as client:
            accepted = client.stats().connections_accepted
            wait_until_the_server_closes(client)  # after the 0.5 s idle timeout
            self.assertEqual(len(client.similar("devops-paradox-333", k=1)), 1)
            self.assertGreater(client.stats().connections_accepted, accepted, "a new connection")

    def test_an_untrusted_certificate_is_refused(self) -> None:
        with Client("127.0.0.1", self.server.port, timeout=10, tls=self.trusting("other.pem")) as client:
            with self.assertRaises(ssl.SSLCertVerificationError):
                client.ping()

    def test_a_plain_client_is_told_the_server_speaks_tls(self) -> None:
        with Client("127.0.0.1", self.server.port, timeout=10) as client:
            with self.assertRaises((ProtocolViolation, ConnectionClosed, OSError)):
                client.ping()


if __name__ == "__main__":
    unittest.main()
