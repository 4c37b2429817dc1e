"""Benchmark: what keeping the token out of an answer costs (explorer.tray.tokens), on a 10 MB callConnector answer.

Every answer is scanned once for the token it was sent with, in any escaped form (one RE2 expression); only an
answer that holds it is decoded, redacted as values and written back. Reports the median time, against
`json.loads` of the same answer (which the client does anyway), of
  1. the scan of an answer without the token (every answer pays this; target: at most 1x json.loads),
  2. the redaction of an answer that echoes the token in every record (rare; reported against json.loads of that
     answer),
  3. both again for a 4,096-character token (the longest the connection panel accepts; its expression's
     compilation is cached per token),
and the time to compile the expression for a 64- and a 4,096-character token.
Run: `make bench` or `.venv/bin/python bench/bench_redaction.py`.
"""

from __future__ import annotations

import gc
import json
import secrets
import statistics
import string
import time
from collections.abc import Callable

from django_setup import setup_django

setup_django("redaction")

from explorer.tray import tokens  # noqa: E402
from tests.output_view.leads import leads_output  # noqa: E402

SIZE = 10 * 1024 * 1024
ROUNDS = 7


def median(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def answer(output: object) -> bytes:
    return json.dumps({"data": {"callConnector": {"output": json.dumps(output)}}}).encode()


def hostile_token(length: int) -> str:
    alphabet = string.ascii_letters + string.digits + "\"\\/<>&'-_."
    return "".join(secrets.choice(alphabet) for _ in range(length))


def compile_time(token: str) -> float:
    tokens._pattern_for.cache_clear()
    started = time.perf_counter()
    tokens.redact_bytes(b"{}", (token,))
    return time.perf_counter() - started


def main() -> None:
    output = leads_output(SIZE)
    clean = answer(output)
    baseline = median(lambda: json.loads(clean))
    print(f"answer: {len(clean) / 1024 / 1024:.1f} MB; json.loads {baseline * 1000:.1f} ms (the baseline)")
    for length in (64, 4096):
        token = hostile_token(length)
        echoing = answer({**output, "records": [{**r, "echo": token} for r in output["records"]]})
        print(f"{length:,}-character token: compiling its expression {compile_time(token) * 1000:.1f} ms")
        scan = median(lambda token=token: tokens.redact_bytes(clean, (token,)))
        target = " (target <= 1x)" if length == 64 else ""
        print(f"  scan of the answer, no token in it: {scan * 1000:.1f} ms, {scan / baseline:.2f}x json.loads{target}")
        echo_baseline = median(lambda echoing=echoing: json.loads(echoing), rounds=3)
        redact = median(lambda token=token, echoing=echoing: tokens.redact_bytes(echoing, (token,)), rounds=3)
        print(
            f"  redaction of the answer with the token in each of its {len(output['records']):,} records "
            f"({len(echoing) / 1024 / 1024:.0f} MB): {redact * 1000:.0f} ms, {redact / echo_baseline:.1f}x json.loads"
        )


if __name__ == "__main__":
    main()
