"""python -m bench (make bench): Slate measured against floors in the same run.

Every request figure comes from real server processes driven by a load generator in its own
process, against the bare-Bolt floor in the same run, on SQLite and PostgreSQL; min / median
/ max over repeats. `--quick` runs one short repeat of each (a smoke test of the benchmarks,
not figures to quote).
"""

from __future__ import annotations

import argparse
import compileall
import time

from bench import outbox_load, publish
from bench.load import bench_requests, fresh_database, print_requests
from tests.databases import postgres_unreachable

PARTS = ("requests", "publish", "outbox", "scale")


def main() -> None:
    """Run the benchmarks and print their tables (Markdown)."""
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="one short repeat of everything")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0, help="per load run, after warm-up")
    parser.add_argument("--connections", default="1,16,64")
    parser.add_argument("--messages", type=int, default=2000, help="outbox benchmark size")
    parser.add_argument("--crew", type=int, default=500, help="publish benchmark size")
    parser.add_argument("--only", choices=PARTS, action="append", help="repeatable")
    parser.add_argument("--database", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    if args.quick:
        args.repeats, args.seconds, args.messages = 1, 1.0, 300
    parts = args.only or [p for p in PARTS if p != "scale"]  # scale seeds 1.8 M rows: opt in
    levels = [int(c) for c in args.connections.split(",")]
    # Slate's bytecode as an installed Slate has it (`make` compiles it too): where
    # PYTHONDONTWRITEBYTECODE is set, an edited checkout would otherwise compile every start.
    compileall.compile_dir("bot", quiet=1)
    started = time.perf_counter()
    for kind in [args.database] if args.database else ["sqlite", "postgresql"]:
        if kind == "postgresql" and postgres_unreachable():
            print(f"PostgreSQL skipped: {postgres_unreachable()}")
            continue
        if "requests" in parts:
            with fresh_database(kind) as (label, engine, folder):
                runs, footprint = bench_requests(
                    str(label), engine, folder, levels, args.repeats, args.seconds
                )
                print_requests(str(label), runs, footprint)
        if "publish" in parts:
            with fresh_database(kind) as (label, engine, folder):
                url = engine.url.render_as_string(hide_password=False)
                publish.bench_publish(str(label), url, folder, args.crew, args.repeats)
        if "outbox" in parts:
            with fresh_database(kind) as (label, engine, folder):
                outbox_load.bench_outbox(str(label), engine, folder, args.messages, args.repeats)
    if "scale" in parts:
        import tempfile
        from pathlib import Path

        from bench import callsheets

        with tempfile.TemporaryDirectory() as folder:
            callsheets.bench_calltime(Path(folder), 100 if args.quick else 300)
    print(f"\n(benchmarks took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
