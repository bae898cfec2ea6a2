"""Test support: a real `podsim serve --port 0` in a subprocess, on a scratch copy of the seed model.

The binary is `$PODSIM_BIN`, by default `.build/debug/podsim` in the repository. The port the
server bound is read from its "podsim listening" log line (`address=[IPv4]127.0.0.1/127.0.0.1:PORT`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SEED_MODEL = REPOSITORY / "Models" / "episodes.podsim"
#: How long the server may take to start listening, in seconds.
START_TIMEOUT = 30.0
_LISTENING = re.compile(r"address=\S*:(\d+)\b.*podsim listening")


def podsim_binary() -> Path:
    binary = Path(os.environ.get("PODSIM_BIN", REPOSITORY / ".build" / "debug" / "podsim"))
    if not binary.is_absolute():
        binary = REPOSITORY / binary
    if not os.access(binary, os.X_OK):
        raise RuntimeError(f"no podsim binary at {binary}: build it (swift build --product podsim) or set PODSIM_BIN")
    return binary


class ServerProcess:
    """`with ServerProcess("--auth-token", "x") as server: Client(port=server.port)`."""

    def __init__(self, *arguments: str):
        self.arguments = arguments
        self.directory = Path(tempfile.mkdtemp(prefix="podsim-python-"))
        self.model = self.directory / "episodes.podsim"
        shutil.copyfile(SEED_MODEL, self.model)
        self.log: list[str] = []
        self.port = 0
        self._process: subprocess.Popen[str] | None = None
        self._drain: threading.Thread | None = None

    def __enter__(self) -> ServerProcess:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self._process = subprocess.Popen(
            [str(podsim_binary()), "serve", "--model", str(self.model), "--port", "0", *self.arguments],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            env={k: v for k, v in os.environ.items() if k != "PODSIM_AUTH_TOKEN"})
        bound = threading.Event()
        self._drain = threading.Thread(target=self._drain_log, args=(bound,), daemon=True)
        self._drain.start()
        if not bound.wait(START_TIMEOUT) or not self.port:
            self.stop()
            raise RuntimeError("podsim serve did not start listening:\n" + "".join(self.log))

    def _drain_log(self, bound: threading.Event) -> None:
        # Keeps reading so the server never blocks on a full stderr pipe.
        assert self._process is not None and self._process.stderr is not None
        for line in self._process.stderr:
            self.log.append(line)
            match = _LISTENING.search(line)
            if match and not bound.is_set():
                self.port = int(match.group(1))
                bound.set()
        bound.set()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()  # SIGTERM: the server drains and exits 0
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process is not None and self._process.stderr is not None:
            if self._drain is not None:
                self._drain.join(timeout=5)  # it ends at the log's end of file
            self._process.stderr.close()
        shutil.rmtree(self.directory, ignore_errors=True)
