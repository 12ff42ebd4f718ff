"""`python -m bench.loadgen`: signed slash commands over keep-alive HTTP, from its own process.

Each of C threads holds one connection and sends the next request as soon as the last is
answered (closed loop), signing each request afresh as Slack does. Given several requests
(a JSON list of form-field sets), each thread cycles through them from its own offset, so a
mixed load keeps its proportions. Prints one JSON line: requests answered, errors, answers
slower than Slack's 3 s, throughput and latency percentiles over the measured window.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from urllib.parse import urlencode, urlsplit

from slack_emulator.signing import sign


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)]


SLACK_TIMEOUT_MS = 3000.0
FAILED = (b"went wrong",)  # Slate's answer to an unexpected error: a 200 that is no answer


def run(
    url: str,
    fields: dict[str, str] | list[dict[str, str]],
    secret: str,
    connections: int,
    warmup: float,
    seconds: float,
) -> dict[str, float]:
    """Drive `url` with `connections` closed loops; measure after `warmup` for `seconds`."""
    parts = urlsplit(url)
    bodies = [urlencode(f).encode() for f in (fields if isinstance(fields, list) else [fields])]
    start = time.perf_counter()
    measure_from, stop_at = start + warmup, start + warmup + seconds
    samples: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections

    def loop(n: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        sent = n
        while (now := time.perf_counter()) < stop_at:
            body, sent = bodies[sent % len(bodies)], sent + 1
            headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(secret, body)}
            try:
                conn.request("POST", parts.path, body=body, headers=headers)
                response = conn.getresponse()
                answer = response.read()
                ok = response.status == 200 and not any(f in answer for f in FAILED)
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                ok = False
            done = time.perf_counter()
            if now >= measure_from and done <= stop_at:
                if ok:
                    samples[n].append((done - now) * 1000)
                else:
                    errors[n] += 1
        conn.close()

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(s for per in samples for s in per)
    return {
        "requests": len(ordered),
        "errors": sum(errors),
        "over3s": sum(1 for s in ordered if s > SLACK_TIMEOUT_MS),
        "rps": len(ordered) / seconds,
        "p50": _percentile(ordered, 0.50),
        "p99": _percentile(ordered, 0.99),
    }


def main() -> None:
    """Run one measurement and print it as JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.loadgen")
    parser.add_argument("--url", required=True)
    parser.add_argument(
        "--fields",
        required=True,
        help="form fields: a JSON object, or a list of them to cycle through",
    )
    parser.add_argument("--secret", required=True)
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    result = run(
        args.url,
        json.loads(args.fields),
        args.secret,
        args.connections,
        args.warmup,
        args.seconds,
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
