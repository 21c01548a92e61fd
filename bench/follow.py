"""Follow lag: how long a tap on one phone takes to show on the other, and how many
idle together phones one server holds with that lag still in target.

Used by bench/run.py; also runs alone against a server that is already up:

    .venv/bin/python bench/follow.py --base http://127.0.0.1:8000 --cookies cookies.json

A phone here is what the page's JavaScript does: ask /together/follow/ with the
stamp of the card it shows, and when a new card comes back, ask again with the
new card's stamp. "Polling" phones do what phones did before: ask /together/poll/
every 2 seconds.

Idle phones held (`capacity`): idle phones are added in steps and kept from one step
to the next; at each step one pair's follow lag is measured, with what the idle phones
met (503 refusals, connection errors, running out of file descriptors, timeouts), the
server's threads, open files and CPU, and the load generator's own CPU and lateness.
The steps stop at the first one out of target, and say why.
"""

import argparse
import asyncio
import errno
import json
import os
import re
import resource
import statistics
import time
from collections import Counter
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

    def close(self):
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def card(self):
        status, content = await self.request("GET", "/together/")
        assert status == 200, status
        return content


class Tally:
    """What a crowd of phones met: statuses, errors by kind, and how many have a request open on the server now."""

    def __init__(self):
        self.statuses, self.errors, self.in_flight = Counter(), Counter(), 0

    def error(self, error):
        self.errors[error_kind(error)] += 1

    def snapshot(self):
        return Counter(self.statuses), Counter(self.errors)


def error_kind(error):
    """A short name for why a request failed, as the report groups them."""
    if isinstance(error, OSError) and error.errno in (errno.EMFILE, errno.ENFILE):
        return "out of file descriptors (ulimit -n)"
    if isinstance(error, (ConnectionError, asyncio.IncompleteReadError)):
        return "connection errors"
    if isinstance(error, OSError) and error.errno in (errno.EADDRNOTAVAIL, errno.ECONNREFUSED):
        return "connection errors"
    if isinstance(error, TimeoutError):
        return "timeouts (60 s)"
    return f"other ({type(error).__name__})"


async def _counted(request, phone, tally):
    """What `request` (a coroutine) answers; None after a failure that `tally` counted (the phone's connection
    is closed, and it tries again a second later, as the page does). Without a tally a failure ends the phone."""
    try:
        return await request
    except Exception as error:
        if tally is None:
            raise
        tally.error(error)
        phone.close()
        await asyncio.sleep(1)
        return None


async def follower(phone, arrived, stop, mode="follow", opened=None, after=0.0, tally=None):
    """Keep following; put (time, card) on `arrived` whenever a new card comes back. With a `tally`, a failed
    request is counted and tried again a second later (as the page does); without one, it ends the phone."""
    await asyncio.sleep(after)
    while (content := await _counted(phone.card(), phone, tally)) is None:
        pass
    if opened is not None:
        opened.append(phone)
    stamp = STAMP.search(content).group(1).decode()
    while not stop.is_set():
        if tally is not None:
            tally.in_flight += 1
        try:
            answered = await _counted(
                phone.request("GET", f"/together/{mode}/?s={stamp}", headers={"HX-Request": "true"}), phone, tally
            )
        finally:
            if tally is not None:
                tally.in_flight -= 1
        if answered is None:
            continue
        status, content = answered
        if tally is not None:
            tally.statuses[status] += 1
        if status == 200 and STAMP.search(content):
            stamp = STAMP.search(content).group(1).decode()
            if arrived is not None:
                arrived.put_nowait((time.perf_counter(), content))
        elif status == 503:  # the server holds its most waiting follows: ask again after Retry-After, as the page does
            await asyncio.sleep(5)
        elif mode == "poll":
            await asyncio.sleep(2)
        elif status != 204:  # anything else (a redirect, an error): not at once again, or this loop would spin
            await asyncio.sleep(1)


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
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # a worker that has gone (restarted by gunicorn)
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def process_figures(pid):
    """(threads, open files, soft limit on open files) of one process, or None when it has gone."""
    try:
        threads = next(
            int(line.split()[1])
            for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            if line.startswith("Threads:")
        )
        files = len(os.listdir(f"/proc/{pid}/fd"))
        limit = next(
            line.split()[3]
            for line in Path(f"/proc/{pid}/limits").read_text().splitlines()
            if line.startswith("Max open files")
        )
    except (OSError, StopIteration):
        return None
    return {"threads": threads, "open_files": files, "file_limit": int(limit) if limit.isdigit() else limit}


def machine_busy():
    """(busy, total) clock ticks of every core since boot (/proc/stat): other work on the machine counts too."""
    fields = [int(n) for n in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return sum(fields) - idle, sum(fields)


def own_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def loop_lateness(stop, late, every=0.05):
    """How late this process's own event loop wakes (ms): the load generator's delay, part of every lag it measures."""
    while not stop.is_set():
        asked = time.perf_counter()
        await asyncio.sleep(every)
        late.append((time.perf_counter() - asked - every) * 1000)


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


async def lag_now(base, tapper_cookie, watcher_cookie, rounds):
    """Follow lag for one pair, now (whatever else the server holds): (figures, note or "")."""
    stop = asyncio.Event()
    arrived = asyncio.Queue()
    watching = asyncio.create_task(follower(Phone(base, watcher_cookie), arrived, stop, "follow"))
    await asyncio.sleep(0.5)
    try:
        lags = await tapper_moves(Phone(base, tapper_cookie), arrived, rounds)
        note = ""
    except TimeoutError:
        lags, note = None, "a tap or its card took longer than the time allowed (10 s for the card, 60 s per request)"
    except (AssertionError, ConnectionError, OSError, asyncio.IncompleteReadError) as error:
        lags, note = (
            None,
            f"the tapping phone failed: {error_kind(error) if isinstance(error, OSError) else repr(error)}",
        )
    finally:
        stop.set()
        watching.cancel()
        await asyncio.gather(watching, return_exceptions=True)
    if lags is None:
        return {"n": 0, "p50": float("inf"), "p95": float("inf"), "max": float("inf")}, note
    return summary(lags), note


def why_stopped(row, count):
    """The reasons a step is out of target, most telling first (empty when it is in target)."""
    reasons = []
    if row["opened"] < count:
        reasons.append(f"only {row['opened']} of {count} idle phones could open Together within the time allowed")
    if row["refused_503"]:
        reasons.append(f"{row['refused_503']} follows refused with 503 (FOLLOWS_PER_PROCESS full)")
    for kind, n in row["errors"].items():
        reasons.append(f"{n} {kind}")
    if row["note"]:
        reasons.append(row["note"])
    if not reasons and not in_target(row):
        reasons.append(f"follow lag out of target (p50 {row['p50']} ms, p95 {row['p95']} ms)")
    if reasons and row["waiting"] < count:
        reasons.append(f"{row['waiting']} of {count} idle phones had a follow open on the server")
    if reasons:  # say what was full: the server's workers, the load generator, or the machine
        workers = len([w for w in row["workers"] if w]) or 1
        if row["server_cpu"] >= 85 * workers:
            reasons.append(
                f"the server's {workers} workers were busy ({row['server_cpu']}% of a core in all; each can use one)"
            )
        if row["machine_cpu"] >= 90:
            reasons.append(
                f"the machine was busy ({row['machine_cpu']}% of all its {os.cpu_count()} cores, other work too)"
            )
        if row["client_cpu"] >= 90:
            reasons.append(f"the load generator itself was busy ({row['client_cpu']}% of a core)")
        if row["client_late_p95"] >= 50:
            reasons.append(f"the load generator's own event loop was late by up to {row['client_late_p95']} ms (p95)")
    return reasons


async def capacity(base, tapper, watcher, idle_cookies, pids, steps, rounds, ramp_per_second=100):
    """Idle phones held with follow lag in target, in growing steps. The idle phones of one step stay for the next,
    which adds more (opening Together at `ramp_per_second`, as people arrive over time, then following). At each
    step: the follow lag of one pair, what the idle phones met, and the server's threads and open files. Stops at
    the first step out of target: lag, refusals (503), errors, or phones that could not open Together."""
    stop = asyncio.Event()
    tally, opened, phones, rows = Tally(), [], [], []
    late, lateness = [], None
    try:
        lateness = asyncio.create_task(loop_lateness(stop, late))
        for count in steps:
            if count > len(idle_cookies):
                break
            statuses_before, errors_before = tally.snapshot()
            started = time.monotonic()
            new = idle_cookies[len(phones) : count]
            phones += [
                asyncio.create_task(follower(Phone(base, c), None, stop, "follow", opened, n / ramp_per_second, tally))
                for n, c in enumerate(new)
            ]
            deadline = started + 90 + len(new) / ramp_per_second
            while len(opened) < count and time.monotonic() < deadline:  # every idle phone is following
                await asyncio.sleep(0.2)
            await asyncio.sleep(2)
            late.clear()
            cpu_before, own_before, wall_before = cpu_seconds(pids()), own_cpu_seconds(), time.monotonic()
            busy_before = machine_busy()
            waiting = [tally.in_flight]
            sampling = asyncio.create_task(_sample_in_flight(tally, waiting, stop))
            figures, note = (
                await lag_now(base, tapper, watcher, rounds)
                if len(opened) >= count
                else (
                    {"n": 0, "p50": float("inf"), "p95": float("inf"), "max": float("inf")},
                    "",
                )
            )
            sampling.cancel()
            await asyncio.gather(sampling, return_exceptions=True)
            wall = max(time.monotonic() - wall_before, 0.001)
            statuses, errors = tally.snapshot()
            busy_after = machine_busy()
            workers = [process_figures(pid) for pid in pids()]
            row = {
                "idle_phones": count,
                **figures,
                "opened": len(opened),
                "waiting": min(waiting),
                "refused_503": statuses[503] - statuses_before[503],
                "errors": {kind: n - errors_before[kind] for kind, n in errors.items() if n > errors_before[kind]},
                "note": note,
                "ramp_seconds": round(time.monotonic() - started - wall, 1),
                "server_cpu": round((cpu_seconds(pids()) - cpu_before) / wall * 100),  # % of one core, all workers
                "client_cpu": round((own_cpu_seconds() - own_before) / wall * 100),
                "client_late_p95": round(sorted(late)[int(len(late) * 0.95)] if late else 0.0, 1),
                # every core of the machine, whoever used it (the bench shares it), in % of all of them
                "machine_cpu": round((busy_after[0] - busy_before[0]) / max(busy_after[1] - busy_before[1], 1) * 100),
                "workers": workers,
            }
            row["why"] = why_stopped(row, count)
            row["in_target"] = not row["why"]
            rows.append(row)
            print(
                f"  follow lag with {count:5} idle phones: p50 {row['p50']} p95 {row['p95']} ms; "
                f"{row['waiting']} waiting, {row['refused_503']} refused, errors {row['errors'] or 0}; "
                f"server {row['server_cpu']}% client {row['client_cpu']}% of a core; workers {row['workers']}"
                + (f"; stops: {'; '.join(row['why'])}" if row["why"] else ""),
                flush=True,
            )
            if not row["in_target"]:
                break
    finally:
        stop.set()
        for task in phones:
            task.cancel()
        if lateness is not None:
            lateness.cancel()
        await asyncio.gather(*phones, *([lateness] if lateness else []), return_exceptions=True)
        for phone in opened:  # each phone's socket, closed here rather than left to the collector
            phone.close()
    return rows


async def _sample_in_flight(tally, waiting, stop):
    while not stop.is_set():
        await asyncio.sleep(0.5)
        waiting.append(tally.in_flight)


def measure(base, tapper, watcher, idle_cookies, pids, rounds=40, steps=(0, 1000, 2000, 3000, 4000, 5000)):
    """Everything bench/run.py reports about following. `pids()`: the server's worker processes now."""
    sample = idle_cookies[:200]
    result = {
        "idle_cpu_ms_per_phone_minute": {
            "follow": asyncio.run(idle_cost(base, sample, 30, "follow", pids())),
            "poll every 2 s": asyncio.run(idle_cost(base, sample, 30, "poll", pids())),
            "phones": len(sample),
        }
    }
    print(f"  server CPU per idle phone: {result['idle_cpu_ms_per_phone_minute']}", flush=True)
    time.sleep(30)  # the phones just closed stop waiting on the server
    result["polling"] = asyncio.run(lag_with_idle_phones(base, tapper, watcher, [], rounds // 2, "poll"))
    print(f"  follow lag, today's 2 s poll: {result['polling']}", flush=True)
    steps = [count for count in steps if count <= len(idle_cookies)]
    result["steps"] = steps
    result["capacity"] = asyncio.run(capacity(base, tapper, watcher, idle_cookies, pids, steps, rounds))
    held = [row["idle_phones"] for row in result["capacity"] if row["in_target"]]
    last = result["capacity"][-1] if result["capacity"] else None
    result["held"] = max(held) if held else 0
    if last is None:
        result["stopped"] = {"at": None, "why": ["no step was run"]}
    elif last["in_target"]:
        result["stopped"] = {
            "at": None,
            "why": [f"every step tried was in target (the most tried: {last['idle_phones']})"],
        }
    else:
        result["stopped"] = {"at": last["idle_phones"], "why": last["why"]}
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
