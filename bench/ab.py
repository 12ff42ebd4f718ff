"""`python -m bench.ab OTHER_TREE`: /calltime here vs another checkout, interleaved, vs the floor.

On a shared machine two benchmark runs minutes apart see different loads. Here the floor, the
other tree's `slate serve` and this tree's run side by side on one seeded database, and each
repeat drives them one after another, so all three see the same moment's load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from datetime import UTC, datetime

from bench.callsheets import _seed
from bench.load import FORMS, drive, free_port, fresh_database, process, slate_env, spread
from slack_emulator import SlackEmulator, payloads


def main() -> None:
    """Interleaved repeats of one /calltime form; min / median / max and ratios to the floor."""
    parser = argparse.ArgumentParser(prog="python -m bench.ab")
    parser.add_argument("other", help="path of the other checkout (its `bot` is served)")
    parser.add_argument("--form", default="self", choices=list(FORMS))
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    with fresh_database(args.database) as (label, engine, folder):
        url = engine.url.render_as_string(hide_password=False)
        emulator = SlackEmulator().start()
        asker, channel = _seed(url, emulator, 50, 30, first=datetime.now(UTC).date())
        user = emulator.workspace.users[asker]
        form = dict(
            payloads.slash_command(emulator.workspace, user, "/calltime", FORMS[args.form], channel)
        )
        env = slate_env(emulator, url, folder)
        other_env = {**env, "PYTHONPATH": os.path.abspath(args.other)}
        serve = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port"]
        ports = {who: free_port() for who in ("floor", "other", "this")}
        floor_cmd = [sys.executable, "-m", "bench.servers", "floor", "--port", str(ports["floor"])]
        runs: dict[str, list[dict]] = {"floor": [], "other": [], "this": []}
        with (
            process(floor_cmd, env, ports["floor"], os.getcwd()) as floor,
            process([*serve, str(ports["other"])], other_env, ports["other"], folder) as other,
            process([*serve, str(ports["this"])], env, ports["this"], folder) as this,
        ):
            servers = {"floor": floor, "other": other, "this": this}
            for _ in range(args.repeats):
                for who, server in servers.items():
                    runs[who].append(drive(server.url, form, args.connections, args.seconds, 1.0))
        emulator.stop()
    floor_rps = statistics.median(r["rps"] for r in runs["floor"])
    print(f"\n/calltime {args.form} on {label}, {args.connections} connections, interleaved")
    print("| server | req/s | p99 ms | req/s vs floor (medians) |")
    print("|---|---|---|---|")
    for who, results in runs.items():
        rps = [r["rps"] for r in results]
        p99 = [r["p99"] for r in results]
        ratio = statistics.median(rps) / floor_rps
        print(f"| {who} | {spread(rps)} | {spread(p99, '{:.1f}')} | {ratio:.2f}x |")


if __name__ == "__main__":
    main()
