"""Follow lag: how long a tap on one phone takes to show on the other, and how many
idle together phones one server holds with that lag still in target.

Used by bench/run.py; also runs alone against a server that is already up:

    .venv/bin/python bench/follow.py --base http://127.0.0.1:8000 --cookies cookies.json

A phone here is what the page's JavaScript does: ask /together/follow/ with the
stamp of the card it shows, and when a new card comes back, ask again with the
new card's stamp. "Polling" phones do what phones did before: ask /together/poll/
every 2 seconds.
"""

import argparse
import asyncio
import json
import re
import statistics
import time
from pathlib import Path
from urllib.parse import urlsplit

TARGET_P50_MS, TARGET_P95_MS = 300, 600
STAMP = re.compile(rb'data-(?:follow|poll)="/together/(?:follow|poll)/\?s=([0-9a-f]+)"')
VERSION = re.compile(rb'data-version="(\d+)"')
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Phone:
    """One signed-in browser: a session cookie, its own connection, a minimal HTTP/1.1 client."""

    def __init__(self, base, cookie):
        self.host, self.port = urlsplit(base).hostname, urlsplit(base).port
        self.cookies = dict([cookie.split("=", 1)])
        self.reader = self.writer = None

    async def request(self, method, path, body=b"", headers=None):
        for attempt in range(2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
                return await asyncio.wait_for(self._exchange(method, path, body, headers or {}), 60)
            except (ConnectionError, asyncio.IncompleteReadError):
                self.writer = None
                if attempt:
                    raise

    async def _exchange(self, method, path, body, headers):
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"Cookie: {cookie}",
            f"Content-Length: {len(body)}",
            *(f"{k}: {v}" for k, v in headers.items()),
        ]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:  # the server closed an idle kept-alive connection: connect again
            raise ConnectionResetError
        status = int(status_line.split()[1])
        length, close = 0, False
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
            elif name == "connection" and value.lower() == "close":
                close = True
        content = await self.reader.readexactly(length) if length else b""
        if close:
            self.writer.close()
            self.writer = None
        return status, content

    async def card(self):
        status, content = await self.request("GET", "/together/")
        assert status == 200, status
        return content


async def follower(phone, arrived, stop, mode="follow", opened=None, after=0.0):
    """Keep following; put (time, card) on `arrived` whenever a new card comes back."""
    await asyncio.sleep(after)
    content = await phone.card()
    if opened is not None:
        opened.append(phone)
    stamp = STAMP.search(content).group(1).decode()
    while not stop.is_set():
        status, content = await phone.request("GET", f"/together/{mode}/?s={stamp}", headers={"HX-Request": "true"})
        if status == 200 and STAMP.search(content):
            stamp = STAMP.search(content).group(1).decode()
            if arrived is not None:
                arrived.put_nowait((time.perf_counter(), content))
        elif status == 503:  # the server holds its most waiting follows: ask again after Retry-After, as the page does
            await asyncio.sleep(5)
        elif mode == "poll":
            await asyncio.sleep(2)


async def tapper_moves(tapper, arrived, rounds, pause=0.3):
    """Tap Next or Back on one phone `rounds` times; each lag is tap sent -> new card on the other phone."""
    lags = []
    for n in range(rounds):
        content = await tapper.card()
        version = int(VERSION.search(content).group(1))
        token = CSRF.search(content).group(1).decode()
        position = 2 if n % 2 == 0 else 1
        body = f"csrfmiddlewaretoken={token}&to={position}&v={version}".encode()
        while not arrived.empty():
            arrived.get_nowait()
        sent = time.perf_counter()
        status, _ = await tapper.request(
            "POST", "/together/move/", body, {"Content-Type": "application/x-www-form-urlencoded", "HX-Request": "true"}
        )
        assert status == 200, status
        while True:
            when, card = await asyncio.wait_for(arrived.get(), 10)
            if int(VERSION.search(card).group(1)) > version:
                lags.append((when - sent) * 1000)
                break
        await asyncio.sleep(pause)
    return lags


def summary(lags):
    ordered = sorted(lags)
    return {
        "n": len(ordered),
        "p50": round(statistics.median(ordered), 1),
        "p95": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1),
        "max": round(ordered[-1], 1),
    }


def in_target(figures):
    return figures["p50"] <= TARGET_P50_MS and figures["p95"] <= TARGET_P95_MS


async def lag_with_idle_phones(base, tapper_cookie, watcher_cookie, idle_cookies, rounds, mode="follow"):
    """Follow lag for one pair while `idle_cookies` phones sit on their own together sessions."""
    stop = asyncio.Event()
    opened = []
    # Idle phones open Together at 100 a second (people arrive over time), then all follow at once.
    idle = [
        asyncio.create_task(follower(Phone(base, c), None, stop, mode, opened, n / 100))
        for n, c in enumerate(idle_cookies)
    ]
    deadline = time.monotonic() + 90 + len(idle_cookies) / 100
    while len(opened) < len(idle_cookies) and time.monotonic() < deadline:  # every idle phone is following
        await asyncio.sleep(0.2)
    failed = sum(1 for task in idle if task.done() and task.exception() is not None)
    if len(opened) < len(idle_cookies):
        stop.set()
        for task in idle:
            task.cancel()
        await asyncio.gather(*idle, return_exceptions=True)
        return {
            "n": 0,
            "p50": float("inf"),
            "p95": float("inf"),
            "max": float("inf"),
            "note": f"only {len(opened)} of {len(idle_cookies)} idle phones could open Together ({failed} failed)",
        }
    await asyncio.sleep(2)
    arrived = asyncio.Queue()
    watching = asyncio.create_task(follower(Phone(base, watcher_cookie), arrived, stop, mode))
    await asyncio.sleep(0.5)
    try:
        lags = await tapper_moves(Phone(base, tapper_cookie), arrived, rounds)
    except TimeoutError:  # the server could not answer a tap, or the other phone, within the time allowed
        lags = None
    finally:
        stop.set()
        for task in [*idle, watching]:
            task.cancel()
        await asyncio.gather(*idle, watching, return_exceptions=True)
    if lags is None:
        return {
            "n": 0,
            "p50": float("inf"),
            "p95": float("inf"),
            "max": float("inf"),
            "note": "a tap or its card took longer than the time allowed (10 s for the card, 60 s per request)",
        }
    return summary(lags)


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / 100


async def idle_cost(base, cookies, seconds, mode, pids):
    """Server CPU seconds used while `cookies` phones sit idle (nobody taps), per phone per minute."""
    stop = asyncio.Event()
    phones = [asyncio.create_task(follower(Phone(base, c), None, stop, mode)) for c in cookies]
    await asyncio.sleep(3)
    before = cpu_seconds(pids)
    await asyncio.sleep(seconds)
    used = cpu_seconds(pids) - before
    stop.set()
    for task in phones:
        task.cancel()
    await asyncio.gather(*phones, return_exceptions=True)
    return round(used / len(cookies) / seconds * 60 * 1000, 2)  # CPU milliseconds per phone per minute


def measure(base, tapper, watcher, idle_cookies, pids, rounds=40, steps=(0, 250, 500, 750, 1000, 1500, 2000)):
    """Everything bench/run.py reports about following."""
    sample = idle_cookies[:200]
    result = {
        "idle_cpu_ms_per_phone_minute": {
            "follow": asyncio.run(idle_cost(base, sample, 30, "follow", pids)),
            "poll every 2 s": asyncio.run(idle_cost(base, sample, 30, "poll", pids)),
            "phones": len(sample),
        }
    }
    print(f"  server CPU per idle phone: {result['idle_cpu_ms_per_phone_minute']}", flush=True)
    time.sleep(30)  # the phones just closed stop waiting on the server
    result["polling"] = asyncio.run(lag_with_idle_phones(base, tapper, watcher, [], rounds // 2, "poll"))
    print(f"  follow lag, today's 2 s poll: {result['polling']}", flush=True)
    result["capacity"] = []
    for count in steps:
        if count > len(idle_cookies):
            break
        figures = asyncio.run(lag_with_idle_phones(base, tapper, watcher, idle_cookies[:count], rounds))
        result["capacity"].append({"idle_phones": count, **figures, "in_target": in_target(figures)})
        print(f"  follow lag with {count:5} idle phones: {figures}", flush=True)
        if not in_target(figures):
            break
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True)
    parser.add_argument("--cookies", required=True, help="JSON: {tapper, watcher, idle: [...]} session cookies")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    cookies = json.loads(Path(args.cookies).read_text())
    print(
        json.dumps(
            asyncio.run(
                lag_with_idle_phones(args.base, cookies["tapper"], cookies["watcher"], cookies["idle"], args.rounds)
            )
        )
    )
