"""python -m bench.playground_start: from `slate playground` to a usable page, as a ratio to
starting the bare emulator.

Each run is a fresh process (imports included), timed until the page is served and
`/state` shows the demo's people with a conversation in it. *Never built* is an empty data
folder with no demo template (a fresh clone whose install did not build one): Slate lives the
demo through its services, then keeps it as the template. *First start* is `--reset` (and the
first `make run` after `make`'s install, which builds the template): it copies the template.
*Restart* reuses what the first start left (the saved workspace and database).
*Answer* is until Slate answers `/calltime` typed there (the page is served before Slate is
built; what you do meanwhile waits for it). The *baseline* is a process that starts the bare
Slack emulator and answers one Web API call.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BARE = (
    "import sys, threading\n"
    "from slack_emulator import SlackEmulator\n"
    "SlackEmulator().start('127.0.0.1', int(sys.argv[1]))\n"
    "threading.Event().wait()\n"
)
TIMEOUT = 60.0
NAMES = (
    "bare emulator",
    "never built: page",
    "never built: answer",
    "first start: page",
    "first start: answer",
    "restart: page",
    "restart: answer",
)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, data: bytes | None = None, timeout: float = 2) -> bytes | None:
    """The body at `url` (POSTed when `data` is given), or None while nothing answers."""
    try:
        with urllib.request.urlopen(url, data, timeout=timeout) as answer:
            return answer.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _usable(base: str) -> bool:
    """The page is served and someone's view has people and at least one conversation."""
    if not _get(base + "/"):
        return False
    state = _get(base + "/state?user=none")
    if not state:
        return False
    people = json.loads(state)["people"]
    mine = _get(f"{base}/state?user={people[0]['id']}") if people else None
    return bool(mine and any(json.loads(mine)["messages"].values()))


def _run(command: list[str], ready, env: dict[str, str]) -> tuple[float, subprocess.Popen]:
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while not ready():
        if process.poll() is not None or time.perf_counter() - start > TIMEOUT:
            process.kill()
            raise RuntimeError(f"{command} did not become ready")
        time.sleep(0.02)
    return time.perf_counter() - start, process


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGINT)  # the playground saves its workspace on Ctrl-C
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def bare(env: dict[str, str]) -> float:
    """Seconds from launch to the bare emulator answering a Web API call."""
    port = _port()
    url = f"http://127.0.0.1:{port}/api/auth.test"
    took, process = _run([sys.executable, "-c", BARE, str(port)], lambda: _get(url, b""), env)
    _stop(process)
    return took


def playground(
    data: Path, reset: bool, env: dict[str, str], keep: bool = False
) -> tuple[float, float]:
    """Seconds from `slate playground` to a usable page, and to Slate's first answer there."""
    port = _port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "bot", "playground", "--port", str(port)]
    start = time.perf_counter()
    page, process = _run(
        command + (["--reset"] if reset else []),
        lambda: _usable(base),
        {**env, "SLATE_DATA_DIR": str(data)},
    )
    people = json.loads(_get(base + "/state?user=none") or b"{}")["people"]
    ask = {"user": people[0]["id"], "kind": "command", "command": "/calltime"}
    answered = json.loads(_get(base + "/act", json.dumps(ask).encode(), TIMEOUT) or b"{}")
    if answered.get("status") != 200:
        raise RuntimeError(f"/calltime in the playground answered {answered}")
    answer = time.perf_counter() - start
    time.sleep(1.0 if reset else 0.2)  # let the first start's outbox get on with the demo
    deadline = time.perf_counter() + TIMEOUT
    while keep and not any((data / "playground-template").glob("*/clock.json")):
        if time.perf_counter() > deadline:  # the demo is kept once the outbox has sent it
            raise RuntimeError("the demo template was never kept")
        time.sleep(0.2)
    _stop(process)
    return page, answer


def main() -> None:
    """Print each start's median and its ratio to the bare emulator's."""
    parser = argparse.ArgumentParser(prog="python -m bench.playground_start")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "SLACK_BOT_TOKEN": "", "SLACK_APP_TOKEN": ""}
    runs: dict[str, list[float]] = {name: [] for name in NAMES}
    for _ in range(args.repeats):  # interleaved, so machine load hits every kind alike
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder)
            runs["bare emulator"].append(bare(env))
            page, answer = playground(data, False, env, keep=True)
            runs["never built: page"].append(page)
            runs["never built: answer"].append(answer)
            for reset, kind in ((True, "first start"), (False, "restart")):
                page, answer = playground(data, reset, env)
                runs[f"{kind}: page"].append(page)
                runs[f"{kind}: answer"].append(answer)
    base = statistics.median(runs["bare emulator"])
    for name, samples in runs.items():
        middle = statistics.median(samples)
        print(
            f"{name:21} min {min(samples):5.2f} s  median {middle:5.2f} s  "
            f"max {max(samples):5.2f} s  ratio {middle / base:5.1f}x (target: under 3 s)"
        )


if __name__ == "__main__":
    main()
