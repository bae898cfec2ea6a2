"""The hex examples of docs/PROTOCOL.md, byte for byte: the client encodes each request example
exactly, decodes each response example to the values its comments state, and a real server
answers the contract's PING example with the documented bytes.
"""

from __future__ import annotations

import re
import socket
import unittest

from podsim_client import (
    AddResult, DeleteResult, EpisodeDetails, EpisodeHit, GuestHit, GuestProfile, PodsimError, ReloadResult, ServerInfo,
    ServerStats, ShowHit, TermContribution, decode_answer, decode_frame, encode_frame, requests,
)
from server_process import REPOSITORY, ServerProcess

_BLOCK = re.compile(r"```hex ([^\n]+)\n(.*?)```", re.S)


def doc_examples() -> dict[str, bytes]:
    """Every "```hex NAME" block of docs/PROTOCOL.md: its bytes, comments (after #) left out."""
    text = (REPOSITORY / "docs" / "PROTOCOL.md").read_text(encoding="utf-8")
    return {name.strip(): bytes.fromhex(" ".join(line.split("#")[0] for line in body.splitlines()))
            for name, body in _BLOCK.findall(text)}


# Each documented request, built with the client, and the request id the example uses.
REQUESTS = {
    "PING request": (requests.ping(), 7),
    "INFO request": (requests.info(), 1),
    "SIMILAR request": (requests.similar("ep-1", k=10, exclude_same_show=True), 2),
    "SIMILAR request with options": (requests.similar(
        "ep-1", k=5, shows=["Acquired"], published_from="2024-01-01", published_to="2024-12-31", diversity=0.5), 3),
    "SEARCH request": (requests.search("rust async", k=20), 4),
    "SEARCH request with options": (requests.search("ai", k=3, published_from="2025-01-01"), 5),
    "GUESTS request": (requests.guests("climate", k=5), 6),
    "GUESTS request with options": (requests.guests("dns", k=3, not_on_shows=["Ship It"], exclude_guests=["Dr. Ada"]), 11),
    "EPISODE request": (requests.episode("ep-1"), 8),
    "EXPLAIN request": (requests.explain("ep-1", "ep-2", k=3), 9),
    "GUESTS_LIKE request": (requests.guests_like("Ada", k=4), 10),
    "RELOAD request": (requests.reload(), 11),
    "STATS request": (requests.stats(), 12),
    "AUTH request": (requests.auth("s3cret"), 13),
    "ADD request": (requests.add('{"id":"x"}\n'), 14),
    "DELETE request": (requests.delete(["ep-9", "x"]), 22),
    "UPSERT request": (requests.upsert('{"id":"x"}\n'), 23),
    "SIMILAR request with ranking options": (requests.similar(
        "ep-1", k=10, exclude_ids=["ep-2"], offset=10, min_score=0.25, max_per_show=2, recency=(30, 0.5)), 22),
    "RECOMMEND request": (requests.recommend(["ep-1", "ep-2"], ["ep-3"], "rust", k=5, exclude_liked_shows=True), 23),
    "SIMILAR_SHOWS request": (requests.similar_shows("Show", k=3), 24),
    "GUEST request": (requests.guest("Dr. Ada Lovelace"), 25),
}

# Each documented answer: the request it answers and the value its comments state.
ANSWERS = {
    "PING response": (requests.ping(), None),
    "INFO response": (requests.info(), ServerInfo("podsim 0.1", "m1", 1200, 300, 50000, 128)),
    "SIMILAR response": (requests.similar("ep-1"), [EpisodeHit("ep-2", 0.75, "Show", "Two")]),
    "SEARCH response": (requests.search("x"), [EpisodeHit("ep-1", 0.5, "S", "A"), EpisodeHit("ep-3", 0.25, "S", "B")]),
    "GUESTS response": (requests.guests("x"), [GuestHit("Ada", 0.5, ["ep-1", "ep-2"])]),
    "EPISODE response": (requests.episode("ep-1"), EpisodeDetails("ep-1", "Show", "One", "2025-07-30", ["Ada"], "Hi.")),
    "EXPLAIN response": (requests.explain("a", "b"), [TermContribution("rust", 0.5), TermContribution("async", 0.125)]),
    "GUESTS_LIKE response": (requests.guests_like("Ada"), [GuestHit("Bob", 0.75, ["ep-5"])]),
    "RELOAD response": (requests.reload(), ReloadResult("m2", 1250)),
    "STATS response": (requests.stats(), ServerStats(
        60000, "m1", 2, 10, {0x01: 5, 0x10: 3}, {0: 7, 2: 1}, 8, 120, 450, 900, 950, 1000)),
    "AUTH response": (requests.auth("s3cret"), None),
    "ADD response": (requests.add("x"), AddResult(1, 1251, 0.25, False)),
    "DELETE response": (requests.delete(["x"]), DeleteResult(1, 1250)),
    "UPSERT response": (requests.upsert("x"), AddResult(1, 1251, 0.25, False)),
    "RECOMMEND response": (requests.recommend(["ep-1"]), [EpisodeHit("ep-4", 0.5, "Show", "Four")]),
    "SIMILAR_SHOWS response": (requests.similar_shows("Show"), [ShowHit("Other", 0.75, 12, ["ep-7", "ep-9"])]),
    "GUEST response": (requests.guest("Ada"), GuestProfile("Ada Lovelace", ["Show"], ["ep-2", "ep-1"], ["rust", "async"])),
}

# Each documented error answer: (opcode, status, request id, message).
ERRORS = {
    "BAD_REQUEST response": (0x10, 1, 19, "k must be 1…1000, got 0"),
    "NOT_FOUND response": (0x13, 2, 8, "no episode ep-9"),
    "UNKNOWN_OPCODE response": (0x7F, 3, 15, "opcode 0x7F is unknown"),
    "UNSUPPORTED_VERSION response": (0x01, 4, 16, "version 2"),
    "FRAME_TOO_LARGE response": (0x00, 5, 0, "too large"),
    "BUSY response": (0x11, 6, 20, "queue full"),
    "UNAUTHORIZED response": (0x11, 7, 17, "AUTH first"),
    "INTERNAL response": (0x11, 8, 21, "index fault"),
    "MODEL_REJECTED response": (0x30, 9, 18, "bad magic"),
}


class DocExampleTests(unittest.TestCase):
    examples = doc_examples()

    def test_every_example_is_checked(self) -> None:
        self.assertEqual(set(self.examples), set(REQUESTS) | set(ANSWERS) | set(ERRORS),
                         "a hex example of docs/PROTOCOL.md that this suite does not check, or one it misses")

    def test_requests_encode_to_the_documented_bytes(self) -> None:
        for name, (request, request_id) in REQUESTS.items():
            with self.subTest(name):
                self.assertEqual(encode_frame(request.opcode, request_id, request.body).hex(" "),
                                 self.examples[name].hex(" "))

    def test_answers_decode_to_the_documented_values(self) -> None:
        for name, (request, expected) in ANSWERS.items():
            with self.subTest(name):
                opcode, status, _, body = decode_frame(self.examples[name])
                self.assertEqual((opcode, status), (request.opcode, 0))
                self.assertEqual(decode_answer(request, opcode, status, body), expected)

    def test_error_answers_decode_to_status_and_message(self) -> None:
        for name, (opcode, status, request_id, message) in ERRORS.items():
            with self.subTest(name):
                frame = self.examples[name]
                self.assertEqual(decode_frame(frame)[:3], (opcode, status, request_id))
                error = decode_answer(requests.ping(), *decode_frame(frame)[:2], decode_frame(frame)[3])
                self.assertIsInstance(error, PodsimError)
                self.assertEqual((error.status, error.message, error.opcode), (status, message, opcode))
                self.assertEqual(encode_frame(opcode, request_id, len(message.encode()).to_bytes(4, "big")
                                              + message.encode(), status=status), frame)

    def test_a_real_server_answers_the_contracts_ping_example_byte_for_byte(self) -> None:
        with ServerProcess() as server, socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(self.examples["PING request"])
            answer = b""
            while len(answer) < len(self.examples["PING response"]):
                chunk = sock.recv(64)
                self.assertTrue(chunk, "the server closed before answering")
                answer += chunk
            self.assertEqual(answer, self.examples["PING response"])
            self.assertEqual(answer, bytes.fromhex("00 00 00 08 01 01 00 00 00 00 00 07"))


if __name__ == "__main__":
    unittest.main()
