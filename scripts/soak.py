#!/usr/bin/env python3
"""Soak podsim's server under faults, on loopback only, for a bounded time.

For DURATION seconds (default 60) it runs, against a real `podsim serve`:
  - 16 connections of well-formed load (pipelined SIMILAR, SEARCH, GUESTS, EPISODE, PING),
  - a hot reload every second (RELOAD over the wire and SIGHUP, alternately),
  - a client that drops mid-frame every 100 ms,
  - 1,000 idle connections opened at the start,
  - a slowloris client that sends one byte of a frame per second,
and asserts: zero failed well-formed requests; idle and slow connections cut at the configured
idle timeout; resident memory at the end back where it started (both printed); exit 0 on SIGTERM.

Usage: scripts/soak.py [--duration 60] [--idle-timeout 10] [--podsim .build/release/podsim]
                       [--model Models/episodes.podsim]
Exit status 0 when every assertion holds, 1 otherwise.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import resource
import select
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "clients", "python"))
import podsim_client as pc  # noqa: E402  (the project's own stdlib-only client)

LOAD_CONNECTIONS = 16
PIPELINE = 8
IDLE_CONNECTIONS = 1000
DROP_EVERY = 0.1
RELOAD_EVERY = 1.0
# Resident memory may grow by at most this much over the run (allocator caches, histogram buckets).
RSS_SLACK_BYTES = 32 * 1024 * 1024


def rss_bytes(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def raise_fd_limit(wanted: int = 8192) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, wanted), hard), hard))


class Server:
    def __init__(self, podsim: str, model: str, idle_timeout: float):
        self.process = subprocess.Popen(
            [podsim, "serve", "--model", model, "--port", "0", "--idle-timeout", str(idle_timeout),
             "--max-connections", "4096", "--log-level", "info"],
            stderr=subprocess.PIPE, text=True, preexec_fn=raise_fd_limit)
        self.port = None
        self.log: list[str] = []
        deadline = time.time() + 30
        while self.port is None and time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            self.log.append(line)
            match = re.search(r"address=\S*:(\d+)", line)
            if match and "listening" in line:
                self.port = int(match.group(1))
        if self.port is None:
            raise SystemExit("server did not start:\n" + "".join(self.log))
        threading.Thread(target=self._drain_log, daemon=True).start()

    def _drain_log(self) -> None:
        for line in self.process.stderr:
            self.log.append(line)


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ok = 0
        self.failed: list[str] = []

    def add(self, ok: int, failures: list[str]) -> None:
        with self.lock:
            self.ok += ok
            self.failed.extend(failures)


def load_worker(port: int, ids: list[str], stop: threading.Event, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    texts = ["feature flags", "kubernetes multi-tenancy", "dns registrars", "vibe coding", "data orchestration"]
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    except OSError as error:
        tally.add(0, [f"load connect: {error}"])
        return
    next_id = 1
    while not stop.is_set():
        batch = []
        for _ in range(PIPELINE):
            choice = rng.randrange(5)
            if choice == 0:
                request = pc.requests.similar(rng.choice(ids), k=10)
            elif choice == 1:
                request = pc.requests.search(rng.choice(texts), k=10)
            elif choice == 2:
                request = pc.requests.guests(rng.choice(texts), k=5)
            elif choice == 3:
                request = pc.requests.episode(rng.choice(ids))
            else:
                request = pc.requests.ping()
            batch.append((next_id, request))
            next_id += 1
        try:
            sock.sendall(b"".join(pc.encode_frame(r.opcode, i, r.body) for i, r in batch))
            failures = []
            for expected_id, request in batch:
                opcode, status, request_id, body = pc.decode_frame(read_frame(sock))
                if request_id != expected_id or status != 0 or opcode != request.opcode:
                    failures.append(f"request {expected_id}: opcode {opcode:#x} status {status} id {request_id}")
                else:
                    pc.decode_answer(request, opcode, status, body)
            tally.add(len(batch) - len(failures), failures)
        except Exception as error:  # a dropped or broken connection fails the whole batch
            tally.add(0, [f"load connection: {error!r}"])
            return
    sock.close()


def read_frame(sock: socket.socket) -> bytes:
    header = read_exactly(sock, 4)
    length = int.from_bytes(header, "big")
    return header + read_exactly(sock, length)


def read_exactly(sock: socket.socket, count: int) -> bytes:
    data = bytearray()
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise ConnectionError("closed by the server")
        data += chunk
    return bytes(data)


def reloader(server: Server, stop: threading.Event, counts: dict) -> None:
    use_signal = False
    while not stop.wait(RELOAD_EVERY):
        if use_signal:
            server.process.send_signal(signal.SIGHUP)
            counts["sighup"] += 1
        else:
            try:
                with pc.Client("127.0.0.1", server.port, timeout=10) as client:
                    client.reload()
                counts["reload"] += 1
            except Exception as error:
                counts["reload_failed"].append(repr(error))
        use_signal = not use_signal


def dropper(port: int, stop: threading.Event, counts: dict) -> None:
    frame = pc.encode_frame(pc.requests.similar("devops-paradox-333").opcode, 1, pc.requests.similar("devops-paradox-333").body)
    while not stop.wait(DROP_EVERY):
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(frame[: random.randrange(1, len(frame))])
            sock.close()
            counts["dropped"] += 1
        except OSError as error:
            counts["drop_failed"].append(repr(error))


def watch_until_closed(sockets: list[socket.socket], opened: list[float], deadline: float) -> list[float]:
    """Seconds after its own opening at which each socket was closed by the server (inf if never)."""
    selector = selectors.DefaultSelector()
    for sock in sockets:
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
    closed_at = {}
    while len(closed_at) < len(sockets) and time.time() < deadline:
        for key, _ in selector.select(timeout=0.5):
            sock = key.fileobj
            try:
                data = sock.recv(4096)
            except OSError:
                data = b""
            if not data:
                closed_at[sock] = time.time()
                selector.unregister(sock)
    selector.close()
    return [closed_at.get(sock, float("inf")) - start for sock, start in zip(sockets, opened)]


def slowloris(port: int, idle_timeout: float, result: dict) -> None:
    frame = pc.encode_frame(pc.requests.search("x" * 200).opcode, 1, pc.requests.search("x" * 200).body)
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    opened = time.time()
    sent = 0
    try:
        while sent < len(frame) and time.time() - opened < idle_timeout * 3:
            sock.sendall(frame[sent:sent + 1])
            sent += 1
            # Wait out the second between bytes watching for the server's close.
            readable, _, _ = select.select([sock], [], [], 1.0)
            if readable and not sock.recv(4096):
                break
    except OSError:
        pass
    result["cut_after"] = time.time() - opened
    result["bytes_sent"] = sent
    sock.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--idle-timeout", type=float, default=10)
    parser.add_argument("--podsim", default=".build/release/podsim")
    parser.add_argument("--model", default="Models/episodes.podsim")
    args = parser.parse_args()
    raise_fd_limit()

    workdir = tempfile.mkdtemp(prefix="podsim-soak-")
    model = os.path.join(workdir, "episodes.podsim")
    shutil.copyfile(args.model, model)
    server = Server(args.podsim, model, args.idle_timeout)
    port = server.port
    print(f"soak: server pid {server.process.pid} on 127.0.0.1:{port}, {args.duration:.0f} s, idle timeout {args.idle_timeout:.0f} s")

    with pc.Client("127.0.0.1", port) as client:
        ids = [e.id for e in client.similar("devops-paradox-333", k=1000)] + ["devops-paradox-333"]
    stop = threading.Event()
    tally = Tally()
    counts = {"reload": 0, "sighup": 0, "dropped": 0, "reload_failed": [], "drop_failed": []}

    idle, idle_opened = [], []
    for _ in range(IDLE_CONNECTIONS):
        idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
        idle_opened.append(time.time())
    idle_result: list[float] = []
    idle_watcher = threading.Thread(target=lambda: idle_result.extend(
        watch_until_closed(idle, idle_opened, time.time() + args.idle_timeout * 3)))
    idle_watcher.start()
    slow_result: dict = {}
    slow = threading.Thread(target=slowloris, args=(port, args.idle_timeout, slow_result))
    slow.start()

    workers = [threading.Thread(target=load_worker, args=(port, ids, stop, tally, seed)) for seed in range(LOAD_CONNECTIONS)]
    for worker in workers:
        worker.start()
    time.sleep(min(3, args.duration / 10))  # warm up: first answers allocate caches
    rss_start = rss_bytes(server.process.pid)
    helpers = [threading.Thread(target=reloader, args=(server, stop, counts)),
               threading.Thread(target=dropper, args=(port, stop, counts))]
    for helper in helpers:
        helper.start()

    time.sleep(args.duration)
    stop.set()
    for thread in workers + helpers + [idle_watcher, slow]:
        thread.join()
    time.sleep(2)  # let the server close what the clients left
    rss_end = rss_bytes(server.process.pid)

    server.process.send_signal(signal.SIGTERM)
    try:
        exit_status = server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        exit_status = "killed after 10 s"
    shutil.rmtree(workdir, ignore_errors=True)

    cut = sorted(idle_result)
    median = cut[len(cut) // 2] if cut else float("inf")
    problems = []
    if tally.failed:
        problems.append(f"{len(tally.failed)} well-formed requests failed, e.g. {tally.failed[:3]}")
    if counts["reload_failed"]:
        problems.append(f"{len(counts['reload_failed'])} reloads failed, e.g. {counts['reload_failed'][:2]}")
    if not cut or cut[0] < args.idle_timeout - 0.5 or cut[-1] > args.idle_timeout + 3:
        problems.append(f"idle connections were cut between {cut[0] if cut else None:.1f} and {cut[-1] if cut else None:.1f} s")
    if not (args.idle_timeout - 0.5 <= slow_result.get("cut_after", 0) <= args.idle_timeout + 3):
        problems.append(f"the slowloris was cut after {slow_result.get('cut_after', 0):.1f} s")
    if rss_end > rss_start + RSS_SLACK_BYTES:
        problems.append(f"resident memory grew from {rss_start >> 20} MiB to {rss_end >> 20} MiB")
    if exit_status != 0:
        problems.append(f"SIGTERM: exit status {exit_status}")

    print(f"soak: {tally.ok} well-formed requests answered, {len(tally.failed)} failed "
          f"({tally.ok / args.duration:.0f}/s over {LOAD_CONNECTIONS} connections, pipeline {PIPELINE})")
    print(f"soak: {counts['reload']} RELOADs and {counts['sighup']} SIGHUPs, {counts['dropped']} clients dropped mid-frame")
    print(f"soak: {len(cut)} idle connections cut after {cut[0]:.1f}–{cut[-1]:.1f} s (median {median:.1f}; timeout {args.idle_timeout:.0f} s)")
    print(f"soak: slowloris cut after {slow_result.get('cut_after', 0):.1f} s having sent {slow_result.get('bytes_sent', 0)} bytes")
    print(f"soak: resident memory {rss_start / 2**20:.1f} MiB at the start, {rss_end / 2**20:.1f} MiB at the end")
    print(f"soak: SIGTERM → exit status {exit_status}")
    for problem in problems:
        print(f"soak: FAILED: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
