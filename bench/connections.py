"""The site stays up: database connections after bursts, and a flood of waiting follows.

Used by bench/run.py.

- Connections open on PostgreSQL after bursts of 50, 150 and 300 concurrent signed-out requests (past the
  page cache), side by side in one run: before (CONN_MAX_AGE=60, no pool) and now (CONN_MAX_AGE=0, psycopg's
  pool). Each under the README's production command (gunicorn, 2 uvicorn workers). Uses DATABASE_URL when it is
  PostgreSQL, else a throwaway server from .ci/postgres.sh when Debian's PostgreSQL is installed; else skipped.
- The home page's p95 while nobody follows, and while one account opens many waiting follows at once (the
  attack in the security report): only FOLLOWS_PER_PERSON of them stay waiting per worker.
"""

import asyncio
import glob
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BURSTS = (50, 150, 300)
APP_NAME = "companion-bench-server"  # libpq's application_name for the server's connections (PGAPPNAME)
SETUPS = {
    "before: CONN_MAX_AGE=60, no pool": {"CONN_MAX_AGE": "60", "PGAPPNAME": APP_NAME},
    "now: CONN_MAX_AGE=0, psycopg pool": {"CONN_MAX_AGE": "0", "PGAPPNAME": APP_NAME},
}


async def get(base, path, cookie="", headers=None):
    """One GET on its own connection; the status (0 when the server did not answer)."""
    host, port = urlsplit(base).hostname, urlsplit(base).port
    try:
        reader, writer = await asyncio.open_connection(host, port)
    except OSError:
        return 0
    lines = [
        f"GET {path} HTTP/1.1",
        f"Host: {host}:{port}",
        "Connection: close",
        *([f"Cookie: {cookie}"] if cookie else []),
        *(f"{k}: {v}" for k, v in (headers or {}).items()),
    ]
    try:
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), 60)
        await reader.read()
        return int(status_line.split()[1]) if status_line else 0
    except (OSError, TimeoutError, IndexError, ValueError):
        return 0
    finally:
        writer.close()


async def burst(base, size, offset):
    return await asyncio.gather(*(get(base, f"/ideas/?category=closeness&x={offset + n}") for n in range(size)))


def postgres_url():
    """(url, server data directory to remove afterwards or None), or (None, reason)."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url, None
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb") or os.geteuid() != 0:
        return None, "PostgreSQL is not installed here (Debian's postgresql package) or this is not root"
    before = set(glob.glob("/tmp/companion-pg.*"))
    url = subprocess.run(
        ["bash", str(ROOT / ".ci" / "postgres.sh")], capture_output=True, text=True, check=True
    ).stdout.strip()
    (data,) = set(glob.glob("/tmp/companion-pg.*")) - before
    return url, data


def create_database(url):
    """The URL's database, made if it is not there yet (.ci/postgres.sh starts an empty server)."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def stop_postgres(data):
    pgbin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
    subprocess.run(
        ["su", "postgres", "-s", "/bin/sh", "-c", f"{pgbin}/pg_ctl -D {data} -m fast -w stop"], capture_output=True
    )
    shutil.rmtree(data, ignore_errors=True)


def app_connections(counter):
    """The server's connections to the app's database. `counter` is opened before the bursts: after one, there may
    be no connection left to count with."""
    return counter.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = %s", [APP_NAME]
    ).fetchone()[0]


def connections_after_bursts(start_server, free_port, work, env):
    """{setup: [{burst, statuses, open_after}]} on PostgreSQL, or {"skipped": reason}."""
    url, data = postgres_url()
    if url is None:
        return {"skipped": data}
    result = {"max_connections": None, "setups": {}}
    saved = {key: os.environ.get(key) for key in ("DATABASE_URL", "CONN_MAX_AGE", "PGAPPNAME")}
    try:
        os.environ["DATABASE_URL"] = url
        create_database(url)
        manage = [sys.executable, str(ROOT / "manage.py")]  # (this process keeps its own settings and database)
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=os.environ, check=True)
        subprocess.run([*manage, "load_content", "-v0"], cwd=ROOT, env=os.environ, check=True)
        import psycopg
        from django.db import connection

        connection.close()  # this process's own, if it uses the same database
        counter = psycopg.connect(url, autocommit=True)
        result["max_connections"] = int(counter.execute("SHOW max_connections").fetchone()[0])
        for name, overrides in SETUPS.items():
            os.environ.update(overrides)
            port = free_port()
            server = start_server(port, 2, work)
            rows = []
            try:
                offset = 0
                for size in BURSTS:
                    statuses = asyncio.run(burst(f"http://127.0.0.1:{port}", size, offset))
                    offset += size
                    time.sleep(3)  # past CONTENT_EDITION_RECHECK_SECONDS: the next burst reads the database again
                    rows.append(
                        {
                            "burst": size,
                            "ok": statuses.count(200),
                            "failed": size - statuses.count(200),
                            "open_after": app_connections(counter),
                        }
                    )
                    print(f"  {name}, burst of {size}: {rows[-1]}", flush=True)
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait()
            result["setups"][name] = rows
        counter.close()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if data:
            stop_postgres(data)
    return result


def p95(values):
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 1)


async def home_times(base, count):
    times = []
    for _ in range(count):
        started = time.perf_counter()
        status = await get(base, "/")
        if status == 200:
            times.append((time.perf_counter() - started) * 1000)
    return times


async def home_during_follow_flood(base, cookie, stamp, follows, samples):
    """Home page times while one account opens `follows` follows at once (the security report's follow_flood.py);
    how each follow was answered, and how many were still waiting when the last home page came back."""
    flood = [
        asyncio.create_task(get(base, f"/together/follow/?s={stamp}", cookie, {"HX-Request": "true"}))
        for _ in range(follows)
    ]
    times = await home_times(base, samples)
    waiting = sum(1 for task in flood if not task.done())
    statuses = await asyncio.gather(*flood)
    return times, statuses, waiting


def follow_flood(base, cookie, stamp, follows=1000, samples=200):
    quiet = asyncio.run(home_times(base, samples))
    during, statuses, waiting = asyncio.run(home_during_follow_flood(base, cookie, stamp, follows, samples))
    counts = {str(code): statuses.count(code) for code in sorted(set(statuses))}
    result = {
        "follows": follows,
        "quiet_p95": p95(quiet),
        "quiet_p50": round(statistics.median(quiet), 1),
        "flood_p95": p95(during) if during else float("inf"),
        "flood_p50": round(statistics.median(during), 1) if during else float("inf"),
        "answered": counts,
        "still_waiting": waiting,
        "home_failed": samples - len(during),
    }
    print(f"  home page with one account opening {follows} follows at once: {result}", flush=True)
    return result
