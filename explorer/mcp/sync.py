"""Running the SDK's async code from synchronous Django code: a Django view, a management command, a test."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def run_to_completion[T](coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run(coroutine)`, also where this thread already runs an event loop (asyncio.run refuses there: a
    Playwright session in the same process, an async caller): then in a thread of its own, waited for."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="mcp-async") as pool:
        return pool.submit(asyncio.run, coroutine).result()
