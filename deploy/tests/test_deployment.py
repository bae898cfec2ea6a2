"""docs/DEPLOYMENT.md, run for real: two `podsim serve` replicas behind HAProxy (deploy/haproxy.cfg,
unchanged but for its ports), load through the proxy while one replica drains and comes back and a
new model rolls across both, with zero failed requests. And the systemd unit, verified.

Everything listens on 127.0.0.1 ephemeral ports. Nothing waits on a sleep: the tests wait for log
lines (the replicas log JSON, `--log-format json`), for HAProxy's runtime API to report a state,
or for a count of answered requests.

`PODSIM_BIN` is the podsim binary (default .build/debug/podsim); `haproxy` must be on PATH
(scripts/setup.sh installs Debian's).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY / "clients" / "python"))
import podsim_client  # noqa: E402

HAPROXY_CONFIG = REPOSITORY / "deploy" / "haproxy.cfg"
SYSTEMD_UNIT = REPOSITORY / "deploy" / "podsim.service"
SEED_MODEL = REPOSITORY / "Models" / "episodes.podsim"
#: Upper bound on any one wait, in seconds: a failure, not a pacing device.
WAIT = 60.0
#: Client threads driving load through HAProxy, each on its own connection.
LOAD_CLIENTS = 6
#: Answers wanted between the steps of the scenario (and before the end).
ANSWERS_PER_STEP = 300
#: Each load client starts a new connection after this many requests, as short-lived callers
#: do, so that HAProxy spreads the load over every replica that is UP.
REQUESTS_PER_CONNECTION = 50


def podsim_binary() -> Path:
    binary = Path(os.environ.get("PODSIM_BIN", REPOSITORY / ".build" / "debug" / "podsim"))
    return binary if binary.is_absolute() else REPOSITORY / binary


def wait_until(what: str, condition, timeout: float = WAIT) -> None:
    """Polls `condition` every 20 ms until it holds; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.02)


def free_port() -> int:
    # HAProxy cannot report a port it picked, so the test picks one the kernel just handed out.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Replica:
    """One `podsim serve --log-format json` process; its JSON log lines are kept as dicts."""

    def __init__(self, name: str, model: Path, port: int = 0):
        self.name, self.model, self.requested_port = name, model, port
        self.records: list[dict] = []
        self.port = self.metrics_port = 0
        self.process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        self.records = []
        self.process = subprocess.Popen(
            [str(podsim_binary()), "serve", "--model", str(self.model), "--port", str(self.requested_port),
             "--metrics-port", "0", "--log-format", "json", "--drain-timeout", "5"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read_log, args=(self.process,), daemon=True).start()
        listening = self.wait_for_log("podsim listening")
        self.port = self.requested_port = int(listening["metadata"]["address"].rsplit(":", 1)[1])
        self.metrics_port = int(self.wait_for_log("metrics endpoint listening")["metadata"]["address"].rsplit(":", 1)[1])

    def _read_log(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        for line in process.stderr:
            record = json.loads(line)  # every line must be one JSON object: a bad one fails the test
            with self._lock:
                self.records.append(record)

    def log_records(self, message: str) -> list[dict]:
        with self._lock:
            return [r for r in self.records if r["message"] == message]

    def wait_for_log(self, message: str, count: int = 1) -> dict:
        wait_until(f"{self.name} logs '{message}'", lambda: len(self.log_records(message)) >= count)
        return self.log_records(message)[count - 1]

    def http(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}{path}", timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def metric(self, name: str, **labels: str) -> float | None:
        """One sample of a real scrape of /metrics."""
        _, text = self.http("/metrics")
        want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
        for line in text.splitlines():
            if line.startswith("#"):
                continue
            series, value = line.rsplit(" ", 1)
            sample_name, _, label_text = series.partition("{")
            got = ",".join(sorted(label_text.rstrip("}").split(","))) if label_text else ""
            if sample_name == name and got == want:
                return float(value)
        return None

    def stop(self) -> int:
        """SIGTERM (the drain), then the exit status."""
        assert self.process is not None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=WAIT)
        finally:
            if self.process.stderr is not None:
                self.process.stderr.close()


class HAProxy:
    """HAProxy on deploy/haproxy.cfg, in the foreground, with its runtime API on a Unix socket."""

    def __init__(self, directory: Path, replicas: list[Replica]):
        self.port = free_port()
        self.admin = directory / "haproxy.sock"
        environment = dict(os.environ, PODSIM_LB_BIND=f"127.0.0.1:{self.port}", PODSIM_LB_ADMIN=str(self.admin),
                           PODSIM_REPLICA_1=f"127.0.0.1:{replicas[0].port}",
                           PODSIM_REPLICA_2=f"127.0.0.1:{replicas[1].port}")
        self.check = subprocess.run(["haproxy", "-c", "-f", str(HAPROXY_CONFIG)], env=environment,
                                    capture_output=True, text=True)
        self.log = directory / "haproxy.log"
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(["haproxy", "-db", "-f", str(HAPROXY_CONFIG)], env=environment,
                                            stdin=subprocess.DEVNULL, stdout=log, stderr=log)

    def command(self, text: str) -> str:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(self.admin))
            sock.sendall(text.encode() + b"\n")
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
            return b"".join(chunks).decode()

    def status(self, server: str) -> str:
        """`UP`, `DOWN`, `NOLB`… as HAProxy's `show stat` reports the replica; `?` before the API answers."""
        try:
            lines = self.command("show stat").splitlines()
        except OSError:
            return "?"
        header = lines[0].lstrip("# ").split(",")
        for line in lines[1:]:
            fields = dict(zip(header, line.split(",")))
            if fields.get("pxname") == "podsim_replicas" and fields.get("svname") == server:
                return fields["status"].split(" ")[0]
        return "?"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=WAIT)


class Load:
    """Closed-loop clients through HAProxy, each opening a new connection every
    `REQUESTS_PER_CONNECTION` requests. A request is failed when it is answered with a
    non-zero status, or when three connections in a row close before answering it. A connection
    closed by a draining replica before it answered is reconnected (through HAProxy, to a live
    replica) and the request — a read, idempotent — sent again: counted in `resent`."""

    def __init__(self, port: int):
        self.port = port
        self.answered = 0
        self.resent = 0
        self.failures: list[str] = []
        self.model_ids: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,), daemon=True) for n in range(LOAD_CLIENTS)]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=WAIT)

    def count(self) -> int:
        with self._lock:
            return self.answered

    def wait_for_more(self, answers: int) -> None:
        target = self.count() + answers
        wait_until(f"{answers} more answers through HAProxy", lambda: self.count() >= target or self.failures)

    def _run(self, number: int) -> None:
        client = podsim_client.Client(port=self.port, timeout=10)
        cycle = [podsim_client.requests.similar("devops-paradox-333", k=5), podsim_client.requests.search("interview", k=5),
                 podsim_client.requests.ping(), podsim_client.requests.info()]
        turn = number
        while not self._stop.is_set():
            request = cycle[turn % len(cycle)]
            turn += 1
            if turn % REQUESTS_PER_CONNECTION == 0:
                client.close()
            for attempt in range(3):
                try:
                    answer = client.call(request)
                    with self._lock:
                        self.answered += 1
                        if isinstance(answer, podsim_client.ServerInfo):
                            self.model_ids.add(answer.model_id)
                    break
                except podsim_client.PodsimError as error:
                    with self._lock:
                        self.failures.append(f"{request.opcode:#04x}: status {error.status}: {error}")
                    break
                except OSError as error:
                    client.close()
                    if attempt == 2:
                        with self._lock:
                            self.failures.append(f"{request.opcode:#04x}: no answer on 3 connections: {error!r}")
                    else:
                        with self._lock:
                            self.resent += 1
        client.close()


class ReplicasBehindHAProxyTest(unittest.TestCase):
    def setUp(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="podsim-deploy-"))
        self.replicas = []
        for n in (1, 2):
            (self.directory / f"replica{n}").mkdir()
            model = self.directory / f"replica{n}" / "episodes.podsim"
            shutil.copyfile(SEED_MODEL, model)
            self.replicas.append(Replica(f"replica{n}", model))
        # The model to roll out: the same seeds, another seed and dimension count, another model id.
        self.new_model = self.directory / "new.podsim"
        built = subprocess.run([str(podsim_binary()), "build", "--seed", "7", "--dimensions", "12", "-o",
                                str(self.new_model), str(REPOSITORY / "seeds")], capture_output=True, text=True)
        self.assertEqual(built.returncode, 0, built.stderr)
        self.haproxy: HAProxy | None = None

    def tearDown(self) -> None:
        for replica in self.replicas:
            if replica.process is not None and replica.process.poll() is None:
                replica.process.kill()
                replica.process.wait()
        if self.haproxy is not None and self.haproxy.process.poll() is None:
            self.haproxy.process.kill()
            self.haproxy.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    def test_drain_and_rolling_update_lose_no_request(self) -> None:
        for replica in self.replicas:
            replica.start()
        with podsim_client.Client(port=self.replicas[0].port) as client:
            old_id = client.info().model_id
        self.haproxy = HAProxy(self.directory, self.replicas)
        self.assertEqual(self.haproxy.check.returncode, 0, self.haproxy.check.stdout + self.haproxy.check.stderr)
        for replica in self.replicas:
            try:
                wait_until(f"HAProxy sees {replica.name} UP", lambda r=replica: self.haproxy.status(r.name) == "UP")
            except AssertionError:
                raise AssertionError(f"HAProxy never saw {replica.name} UP; its log:\n{self.haproxy.log.read_text()}")

        load = Load(self.haproxy.port)
        load.start()
        try:
            load.wait_for_more(ANSWERS_PER_STEP)

            # Drain replica1 (SIGTERM) under load: it exits 0, HAProxy marks it DOWN, the load goes on.
            first = self.replicas[0]
            self.assertEqual(first.stop(), 0, "a drained replica exits 0")
            self.assertTrue(first.log_records("graceful shutdown: draining"), "the drain is logged")
            wait_until("HAProxy marks replica1 DOWN", lambda: self.haproxy.status("replica1") == "DOWN")
            load.wait_for_more(ANSWERS_PER_STEP)

            # Back on its port; HAProxy's PING check brings it UP again.
            first.start()
            wait_until("HAProxy marks replica1 UP again", lambda: self.haproxy.status("replica1") == "UP")
            load.wait_for_more(ANSWERS_PER_STEP)

            # Rolling update: each replica in turn gets the new file (atomic rename) and SIGHUP.
            for replica in self.replicas:
                staged = replica.model.with_suffix(".podsim.new")
                shutil.copyfile(self.new_model, staged)
                os.replace(staged, replica.model)
                replica.process.send_signal(signal.SIGHUP)
                reloaded = replica.wait_for_log("model reloaded")
                self.assertNotEqual(reloaded["metadata"]["model_id"], old_id)
                self.assertEqual(reloaded["level"], "notice")
                load.wait_for_more(ANSWERS_PER_STEP)
            new_id = reloaded["metadata"]["model_id"]
            wait_until("the load sees the new model through HAProxy", lambda: new_id in load.model_ids)
        finally:
            load.stop()

        self.assertEqual(load.failures, [], f"failed requests through HAProxy ({load.answered} answered)")
        self.assertGreaterEqual(load.answered, 6 * ANSWERS_PER_STEP)
        print(f"\nreplicas: {load.answered} answers through HAProxy, 0 failed, {load.resent} resent after a drained "
              f"connection closed; model ids seen: {sorted(load.model_ids)}", file=sys.stderr)
        for replica in self.replicas:
            with podsim_client.Client(port=replica.port) as client:
                self.assertEqual(client.info().model_id, new_id)
            self.assertEqual(replica.http("/readyz"), (200, "ready\n"))
            self.assertEqual(replica.metric("podsim_reloads_total", outcome="ok"), 1.0)
            self.assertEqual(replica.metric("podsim_model_info", model_id=new_id), 1.0)
            self.assertGreater(replica.metric("podsim_requests_total", opcode="SIMILAR", status="OK") or 0, 0,
                               f"{replica.name} served part of the load")
        for replica in self.replicas:
            self.assertEqual(replica.stop(), 0)
        self.haproxy.stop()


class DocumentationTest(unittest.TestCase):
    def test_deployment_guide_shows_the_files_the_tests_run(self) -> None:
        guide = (REPOSITORY / "docs" / "DEPLOYMENT.md").read_text()
        self.assertIn("```haproxy\n" + HAPROXY_CONFIG.read_text() + "```", guide)
        self.assertIn("```ini\n" + SYSTEMD_UNIT.read_text() + "```", guide)


class SystemdUnitTest(unittest.TestCase):
    @unittest.skipUnless(shutil.which("systemd-analyze"), "systemd-analyze is not installed")
    def test_unit_verifies(self) -> None:
        # verify also checks that ExecStart's binary exists: point it at the one just built.
        with tempfile.TemporaryDirectory() as directory:
            unit = Path(directory) / "podsim.service"
            unit.write_text(SYSTEMD_UNIT.read_text().replace("/usr/local/bin/podsim", str(podsim_binary())))
            verified = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
            self.assertEqual(verified.returncode, 0, verified.stdout + verified.stderr)
            self.assertEqual(verified.stderr.strip(), "", "systemd-analyze warned")

    def test_unit_runs_the_documented_command(self) -> None:
        unit = SYSTEMD_UNIT.read_text()
        exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
        arguments = exec_start.removeprefix("ExecStart=").split()[1:]
        # The options the unit passes are ones `podsim serve` accepts (--help lists each).
        usage = subprocess.run([str(podsim_binary()), "serve", "--help"], capture_output=True, text=True).stdout
        for option in (a for a in arguments if a.startswith("--")):
            self.assertIn(option, usage)
        for setting in ("DynamicUser=yes", "ProtectSystem=strict", "ReadWritePaths=/var/lib/podsim",
                        "ExecReload=/bin/kill -HUP $MAINPID", "KillSignal=SIGTERM"):
            self.assertIn(setting, unit)


if __name__ == "__main__":
    unittest.main()
