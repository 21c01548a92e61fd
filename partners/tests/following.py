"""Helpers for tests of pages that follow a pair's changes (partners/follow.py)."""

import asyncio


async def until(condition):
    """Let the waiting requests run until `condition()` holds (checked a bounded number of times)."""
    for _ in range(3000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the waiting requests never got there")
