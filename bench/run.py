"""Measure speed, weight, query counts and scale side by side; write docs/performance.md.

    make bench            (or: .venv/bin/python bench/run.py --help)

Serves the app with production settings under gunicorn on loopback and drives
it with wrk, asking as a browser does (Accept-Encoding: gzip, deflate, br).
Every page is measured next to two references in the same run:

- its static twin: the same page's bytes saved as a static file (with the
  .gz and .br copies collectstatic makes) and served by whitenoise in the same
  server: the limit for a page that is the same for every reader;
- the floor: a bare view in the same server and middleware that returns a body
  of the same size from memory, asked with the same headers (cookie, HX-Request).
"""

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import connections, follow  # noqa: E402

TARGETS = {
    "static_rps": 0.7,
    "signed_in_rps": 0.7,
    "poll_rps": 0.9,
    "first_load_kb": 30,
    "fragment_kb": 8,
    "scale_latency": 1.2,
    "queries_per_next": 9,
}
# What the code review counted before issue 21, for the "Queries per tap" table.
QUERIES_BEFORE = {"next": 17, "poll": 8}
BROWSER = {"Accept-Encoding": "gzip, deflate, br"}
KEYS = {}  # user pk -> data key, for the bench's own people: never kept on a User (the app keeps none either)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=5, help="seconds of wrk per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--marks-per-person", type=int, default=50)
    parser.add_argument("--load-seconds", type=int, default=60, help="mixed-flow load test (0 skips it)")
    parser.add_argument("--load-users", type=int, default=100)
    parser.add_argument("--idle-phones", type=int, default=5000, help="most idle together phones tried for follow lag")
    parser.add_argument(
        "--idle-step",
        type=int,
        default=1000,
        help="idle phones added per step (0, step, 2 x step, ... up to --idle-phones); the steps stop at the first "
        "one out of target",
    )
    parser.add_argument(
        "--follows-per-process",
        type=int,
        default=None,
        help="FOLLOWS_PER_PROCESS for the bench's server (default: --idle-phones + 300, so that one worker could "
        "hold every idle phone; production's default is 200)",
    )
    parser.add_argument(
        "--lighthouse", default=os.environ.get("LIGHTHOUSE", ""), help="path to lighthouse's cli (skip if empty)"
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "performance.md"))
    return parser.parse_args()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def raise_file_limit():
    """This process's soft limit on open files raised to its hard limit: every idle phone is one socket here, and
    gunicorn, started from here, inherits the same limit. ({"before": (soft, hard), "now": (soft, hard)})"""
    before = resource.getrlimit(resource.RLIMIT_NOFILE)
    soft, hard = before
    if hard == resource.RLIM_INFINITY or soft < hard:
        with contextlib.suppress(ValueError, OSError):  # not allowed here: the limit stays as it was
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 1 << 20, hard))
    return {"before": list(before), "now": list(resource.getrlimit(resource.RLIMIT_NOFILE))}


def setup_environment(work, follows_per_process):
    env = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "INSECURE_HTTP": "1",  # loopback has no TLS; every other production setting stays on
        "STATIC_ROOT": str(work / "static"),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}",
        # Waiting follows one worker holds: raised so the idle-phone steps measure the server, not this cap
        # (production's default is 200; the report says so). The server reads it from this environment.
        "FOLLOWS_PER_PROCESS": str(follows_per_process),
    }
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import user_logged_in
    from django.core.management import call_command

    user_logged_in.connect(_remember_key_at_force_login, dispatch_uid="bench-remember-the-key")
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    return env


def _remember_key_at_force_login(sender, request, user, **kwargs):
    """A bench person signed in by the test client's force_login holds their data key in that session, as a real
    sign-in does (partners.keyring.sign_in). Connected after partners' own receiver, which gives the session its id."""
    from django.http import HttpRequest

    from partners import keyring

    if type(request) is HttpRequest and user.pk in KEYS:  # force_login's request; a view's sign-in holds its own
        keyring.remember(request, user, KEYS[user.pk])


def person(name):
    """A new account with its keys; the data key is kept in KEYS (signed in below without a passphrase)."""
    from partners.models import User

    user = User.objects.create_user(name, password=None)
    KEYS[user.pk] = user.make_keys()
    return user


def couple(first, second):
    from partners.models import Pair

    return Pair.of(first, second, data_keys=(KEYS[first.pk], KEYS[second.pk]))


def book_of(user):
    from conversations.private_marks import MarkBook

    return MarkBook(user, KEYS[user.pk])


def signed_in_client(user):
    """A test client signed in as `user`, holding their data key (see _remember_key_at_force_login)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def cookie(user):
    from django.conf import settings

    client = signed_in_client(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def make_people(count=1):
    """The measured couple (ana, ben) with marks on every idea and an open together session, and `count` extra
    signed-in people, each in a pair with its own open together session (for the load test and as idle together
    phones). Returns session cookies."""
    from django.db import transaction
    from django.test import Client

    from conversations.models import Choice, Idea, Side, TogetherSession

    ana, ben = person("bench-ana"), person("bench-ben")
    pair = couple(ana, ben)
    ideas = list(Idea.objects.all())
    for user, choices in (
        (ana, [Choice.YES, Choice.MAYBE, Choice.NO]),
        (ben, [Choice.YES, Choice.NO, Choice.YES]),
    ):
        book = book_of(user)
        for n, idea in enumerate(ideas):
            book.save(idea, choices[n % 3], Side.EITHER)
    TogetherSession.objects.create(pair=pair)
    for user in (ana, ben):  # each one's first visit makes their match tokens, as it does for everyone
        response = Client().get("/ideas/both-of-us/", HTTP_COOKIE=cookie(user))
        if response.status_code != 200:  # e.g. a redirect to the passphrase page: the session holds no key
            raise RuntimeError(f"{user.username}'s Both of us answered {response.status_code}, not 200")
    extra = []
    started = time.monotonic()
    for first in range(0, count, 500):
        with transaction.atomic():  # one write per batch, not per row (SQLite)
            for n in range(first, min(count, first + 500)):
                a, b = person(f"bench-load-{n}a"), person(f"bench-load-{n}b")
                TogetherSession.objects.create(pair=couple(a, b))
                extra.append(cookie(a))
    if count:
        print(f"  {count} extra pairs with open together sessions in {time.monotonic() - started:.0f} s", flush=True)
    return cookie(ana), cookie(ben), extra


def sign_in_cost(rounds=10):
    """Milliseconds per sign-in, in this process with production settings: the passphrase check alone (as
    before issue 13), opening the data key alone, and a whole sign-in request (median of `rounds`)."""
    import statistics

    from django.contrib.auth.hashers import check_password
    from django.test import Client

    from partners.models import User

    passphrase = "a quiet walk by the river at dusk"
    user = User.objects.create_user("bench-sign-in", password=passphrase)

    def median_ms(work):
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            work()
            times.append((time.perf_counter() - started) * 1000)
        return round(statistics.median(times), 1)

    def whole_sign_in():
        response = Client().post("/account/sign-in/", {"username": user.username, "password": passphrase})
        assert response.status_code == 302, response.status_code

    from partners.models import FailedSignIns, RateLimit

    cost = {
        "passphrase check (as before)": median_ms(lambda: check_password(passphrase, user.password)),
        "opening the data key (scrypt)": median_ms(lambda: user.unlock(passphrase)),
        "whole sign-in request": median_ms(whole_sign_in),
    }
    RateLimit.objects.all().delete(), FailedSignIns.objects.all().delete()
    return cost


def together_stamp(cookie):
    """The stamp in the card a phone shows now, for an unchanged poll."""
    from django.test import Client

    client = Client()
    key, value = cookie.split("=", 1)
    client.cookies[key] = value
    return re.search(r'data-poll="/together/poll/\?s=([0-9a-f]+)"', client.get("/together/").content.decode()).group(1)


def start_server(port, workers, work):
    log = open(work / "gunicorn.log", "w")
    server = subprocess.Popen(  # the README's production command: gunicorn managing uvicorn (ASGI) workers
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bench.asgi:application",
            "-k",
            "uvicorn_worker.UvicornWorker",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--forwarded-allow-ips",
            "",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "-",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/__floor__/1/", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start; see " + str(work / "gunicorn.log"))


def worker_pids(server):
    out = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout
    return [int(pid) for pid in out.split()]


def rss_mb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def to_ms(text):
    found = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    if not found:
        return float("nan")  # wrk printed no figure (e.g. too few requests); shown as nan, never hidden
    value, unit = found.groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(url, headers, duration, connections):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    if not re.search(r"^\s+50%\s+\S+", out, re.M):
        raise RuntimeError(f"wrk gave no latency figures for {url}:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)),
        "p99": to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def fetch(base, path, headers):
    """(status, bytes as sent on the wire): urllib leaves the body compressed."""
    request = urllib.request.Request(base + path, headers=headers)
    with urllib.request.urlopen(request) as response:
        return response.status, response.read()


def static_twin_name(name):
    return "bench/" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".html"


def write_static_twins(pages):
    """Each page's body saved as a static file, with gzip and Brotli copies as collectstatic makes them,
    before the server starts (whitenoise reads the folder once, at start)."""
    import brotli
    from django.conf import settings

    for name, path, headers in pages:
        response = client_for(headers).get(now_path(path, headers), headers=without_cookie(headers))
        if response.status_code not in (200, 204):  # a redirect (no key in the session, say) is not the page
            raise RuntimeError(f"{name}: {path} answered {response.status_code} to the bench's own client")
        body = response.content
        twin = Path(settings.STATIC_ROOT) / static_twin_name(name)
        twin.parent.mkdir(parents=True, exist_ok=True)
        twin.write_bytes(body)
        twin.with_name(twin.name + ".gz").write_bytes(gzip.compress(body, 9))
        twin.with_name(twin.name + ".br").write_bytes(brotli.compress(body, mode=brotli.MODE_TEXT, quality=11))


def client_for(headers):
    from django.test import Client

    client = Client()
    if "Cookie" in headers:
        key, value = headers["Cookie"].split("=", 1)
        client.cookies[key] = value
    return client


def without_cookie(headers):
    return {k: v for k, v in headers.items() if k != "Cookie"}


def settle_database():
    """After writing a million rows: the write-ahead log folded back and the planner's statistics made, as on a
    database that has been running, so the first rows measured are not paying for the writes before them."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("ANALYZE")


POLL_STAMP = "{stamp}"  # in a poll's address: the stamp of the card its phone shows, taken just before it is asked


def now_path(path, headers):
    """The address to ask now: a poll's carries the stamp of the card its phone shows at this moment. (A stamp taken
    long before goes stale by itself: a phone that has not asked for HERE_FOR seconds comes back as newly here,
    which nudges the session, so its old stamp would be answered with a new card, not the unchanged 204.)"""
    if POLL_STAMP in path:
        return path.replace(POLL_STAMP, together_stamp(headers["Cookie"]))
    return path


def measure(base, pages, args, static_twins=True):
    rows = {}
    for name, path, headers in pages[:1]:  # warm up the workers and caches; not recorded
        wrk(base + now_path(path, headers), {**BROWSER, **headers}, args.duration, args.connections)
    for name, path, headers in pages:
        path = now_path(path, headers)
        headers = {**BROWSER, **headers}
        status, served = fetch(base, path, headers)
        _, plain = fetch(base, path, without_encoding(headers))
        page = wrk(base + path, headers, args.duration, args.connections)
        status_after, _ = fetch(base, path, headers)  # a poll still unchanged after the run (204), say
        # Same headers as the page (cookie, HX-Request): the floor pays the same middleware costs.
        floor = wrk(f"{base}/__floor__/{len(plain)}/", headers, args.duration, args.connections)
        row = {
            "path": path,
            "status": status,
            "status_after": status_after,
            "bytes": len(plain),
            "served_bytes": len(served),
            "page": page,
            "floor": floor,
        }
        if "no change" in name.lower() and (status, status_after) != (204, 204):
            print(f"  {name}: answered {status} before and {status_after} after, not 204: not unchanged", flush=True)
        line = f"  {name:34} {page['rps']:7.0f} req/s  floor {floor['rps']:7.0f} ({page['rps'] / floor['rps']:.2f})"
        if static_twins:
            row["static"] = wrk(
                f"{base}/static/{static_twin_name(name)}", without_cookie(headers), args.duration, args.connections
            )
            line += f"  static twin {row['static']['rps']:7.0f} ({page['rps'] / row['static']['rps']:.2f})"
        rows[name] = row
        print(line, flush=True)
    return rows


def without_encoding(headers):
    return {k: v for k, v in headers.items() if k != "Accept-Encoding"}


def query_counts(pages):
    """Queries to render each page at steady state: parts shared by every reader are kept (rendered once per
    content edition), the page cache is emptied first (a page kept whole costs none)."""
    from django.conf import settings
    from django.core.cache import caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from editorial import edition

    counts = {}
    for name, path, headers in pages:
        path = now_path(path, headers)
        client_for(headers).get(path, headers=without_cookie(headers))  # shared parts built once
        caches[settings.SHARED_PAGE_CACHE].clear()
        edition.current()  # read once per CONTENT_EDITION_RECHECK_SECONDS by a server, not per page
        with CaptureQueriesContext(connection) as captured:
            client_for(headers).get(path, headers=without_cookie(headers))
        counts[name] = len(captured.captured_queries)
    return counts


def queries_per_tap(stage, partner_answers_all=False):
    """Queries for one htmx Together tap, counted in this process against the bench database (Django's test client,
    production settings), each case on a new pair of its own with an open session on ideas:

    - "next, partner still choosing": both phones are here and the partner has no answer: the tap waits;
    - "next, partner answered": the partner answered (4 ideas, or with `partner_answers_all` every idea) and has
      settled: the tap moves both phones on;
    - "poll, no change": the partner's phone is here; this phone asks with its card's stamp: 204.

    Returns {case: {"queries", "status", "outcome"}}. The content edition is read first, as a server reads it once
    per CONTENT_EDITION_RECHECK_SECONDS (as in `query_counts`)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conversations.models import Choice, Idea, Side, TogetherSession
    from editorial import edition

    htmx = {"HX-Request": "true"}

    def together(case):
        a, b = person(f"bench-tap-{stage}-{case}-a"), person(f"bench-tap-{stage}-{case}-b")
        session = TogetherSession.objects.create(pair=couple(a, b), category=None)
        return a, b, session, signed_in_client(a), signed_in_client(b)

    def counted(work):
        edition.current()
        with CaptureQueriesContext(connection) as captured:
            response = work()
        return len(captured.captured_queries), response

    def tap_next(client, session):
        """Next as the phone's card offers it (the session read before counting: the phone knows its card)."""
        session.refresh_from_db()
        data = {"to": session.position + 1, "v": session.version}
        return counted(lambda: client.post("/together/move/", data, headers=htmx))

    def moved(session, before):
        session.refresh_from_db()
        return "moved on" if session.position > before else "waited"

    result = {}
    _, _, session, mine, theirs = together("waits")
    mine.get("/together/")
    theirs.get("/together/")  # the partner is here, with no answer
    queries, response = tap_next(mine, session)
    outcome = moved(session, 1)
    if "Waiting for" not in response.content.decode():
        outcome += ' (no "Waiting for" on the card)'
    result["next, partner still choosing"] = {"queries": queries, "status": response.status_code, "outcome": outcome}

    _, partner, session, mine, theirs = together("moves")
    mine.get("/together/")
    book = book_of(partner)
    answered = list(Idea.objects.all()) if partner_answers_all else session.items()[:4]
    for idea in answered:
        book.save(idea, Choice.MAYBE, Side.EITHER)
    theirs.get("/together/")  # here, answered, and not touched in the last CHOOSING_FOR seconds
    queries, response = tap_next(mine, session)
    result["next, partner answered"] = {
        "queries": queries,
        "status": response.status_code,
        "outcome": moved(session, 1),
        "partner_answers": len(answered),
    }

    _, _, session, mine, theirs = together("poll")
    mine.get("/together/")  # the partner is here, so whether they answered is read too
    stamp = re.search(r'data-poll="/together/poll/\?s=([0-9a-f]+)"', theirs.get("/together/").content.decode()).group(1)
    queries, response = counted(lambda: theirs.get(f"/together/poll/?s={stamp}", headers=htmx))
    outcome = "no change (204)" if response.status_code == 204 else f"answered {response.status_code}"
    result["poll, no change"] = {"queries": queries, "status": response.status_code, "outcome": outcome}
    print(f"  queries per tap ({stage}): {result}", flush=True)
    return result


def weights(base, pages):
    """Bytes on the wire, as the running server sends them to a browser: the HTML plus the CSS and JS it
    references for a first load; the fragment alone for htmx."""
    out = {}
    for name, path, headers in pages:
        headers = {**BROWSER, **headers}
        _, served = fetch(base, path, headers)
        _, plain = fetch(base, path, without_encoding(headers))
        total = len(served)
        if "HX-Request" not in headers:
            for asset in re.findall(rb'(?:src|href)="(/static/[^"]+\.(?:css|js))"', plain):
                total += len(fetch(base, asset.decode(), BROWSER)[1])
        out[name] = total
    return out


def lighthouse(cli, base, pages, work):
    scores = {}
    for name, path, headers in pages:
        report = work / f"lh-{re.sub(r'[^a-z]+', '-', name.lower())}.json"
        command = [
            "node",
            cli,
            base + path,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=performance,accessibility,best-practices",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
            "--disable-component-update --disable-sync --no-first-run",
        ]
        if headers:
            command.append("--extra-headers=" + json.dumps(headers))
        env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
        result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=180)
        if result.returncode != 0 or not report.exists():
            scores[name] = {"error": (result.stderr or result.stdout).strip().splitlines()[-1:]}
            continue
        data = json.loads(report.read_text())
        audits = data["audits"]
        scores[name] = {
            **{key: round(cat["score"] * 100) for key, cat in data["categories"].items()},
            "FCP ms": round(audits["first-contentful-paint"]["numericValue"]),
            "LCP ms": round(audits["largest-contentful-paint"]["numericValue"]),
            "TBT ms": round(audits["total-blocking-time"]["numericValue"]),
            "CLS": round(audits["cumulative-layout-shift"]["numericValue"], 3),
            "text compression": "passed" if audits["uses-text-compression"]["score"] in (1, None) else "flagged",
        }
        print(f"  lighthouse {name}: {scores[name]}", flush=True)
    return scores


def load_test(base, cookies, seconds, users, server, work):
    """Locust, headless: browsing, stepping through, marking and polling. Samples worker memory."""
    locust = Path(sys.executable).parent / "locust"
    if not locust.exists():
        return {"skipped": "locust is not installed (make bench installs bench/requirements.txt)"}
    (work / "cookies.json").write_text(json.dumps(cookies))
    env = {**os.environ, "BENCH_COOKIES": str(work / "cookies.json")}
    command = [
        str(locust),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "-u",
        str(users),
        "-r",
        "20",
        "--run-time",
        f"{seconds}s",
        "--host",
        base,
        "--csv",
        str(work / "load"),
        "--only-summary",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples = []
    started = time.monotonic()
    while process.poll() is None:
        samples.append((round(time.monotonic() - started), [round(rss_mb(pid), 1) for pid in worker_pids(server)]))
        time.sleep(5)
    rows = list(csv_rows(work / "load_stats.csv"))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    return {
        "users": users,
        "seconds": seconds,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]),
        "p50": float(total["50%"]),
        "p99": float(total["99%"]),
        "memory": samples,
        "by_name": [
            (r["Type"], r["Name"], r["Request Count"], r["Failure Count"], r["50%"], r["99%"])
            for r in rows
            if r["Name"] != "Aggregated"
        ],
    }


def csv_rows(path):
    import csv

    with open(path) as f:
        yield from csv.DictReader(f)


def generate_population(pairs, marks_per_person):
    from django.core.management import call_command

    started = time.monotonic()
    call_command("generate_population", pairs=pairs, marks_per_person=marks_per_person)
    return time.monotonic() - started


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} cores ({cpu}), {int(mem) // 1024 // 1024} GiB, Python {platform.python_version()}, {platform.platform()}"


def idle_steps(most, step):
    """0, step, 2 x step, ... up to `most` (and `most` itself last)."""
    step = max(1, step)
    steps = list(range(0, most + 1, step))
    if steps[-1] != most:
        steps.append(most)
    return steps


def follow_limits(args, files, follows_per_process):
    """The limits that apply to idle phones in this run, and production's defaults, for the report."""
    from django.conf import settings

    from partners.follow import FOLLOW_FOR

    return {
        "follows_per_process": follows_per_process,
        "follows_per_process_default": 200,  # companion/settings.py: env_int("FOLLOWS_PER_PROCESS", 200)
        "follows_per_person": settings.FOLLOWS_PER_PERSON,
        "workers": args.workers,
        "client_files": files,
        "follow_for": FOLLOW_FOR,
        "backlog": 2048,  # gunicorn's default --backlog, passed on to uvicorn
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
    }


def main():
    args = parse_args()
    files = raise_file_limit()
    follows_per_process = args.follows_per_process or max(200, args.idle_phones + 300)
    work = Path(tempfile.mkdtemp(prefix="companion-bench-"))
    env = setup_environment(work, follows_per_process)
    ana, ben, extra_cookies = make_people(count=max(min(args.load_users, 100), args.idle_phones))
    load_cookies = extra_cookies[: min(args.load_users, 100)]
    signed_in = {"Cookie": ana}
    htmx = {"HX-Request": "true"}
    pages = [  # the same for every signed-out reader: served from the page cache
        ("Home", "/", {}),
        ("Library index", "/library/", {}),
        ("Library filter (htmx fragment)", "/library/?where=deep", htmx),
        ("Condition page", "/library/endometriosis/", {}),
        ("What can help now", "/what-can-help/", {}),
        ("Script intro", "/talk/first-talk/", {}),
        ("Script step (full page)", "/talk/first-talk/3/", {}),
        ("Script step (htmx fragment)", "/talk/first-talk/3/", htmx),
        ("Idea list, signed out", "/ideas/", {}),
        ("Idea step, signed out", "/ideas/all/2/", {}),
    ] + [  # one person's own: rendered for them on every request
        ("Idea list, signed in with marks", "/ideas/", signed_in),
        ("Idea step, signed in (htmx fragment)", "/ideas/all/2/", {**signed_in, **htmx}),
        ("Both of us", "/ideas/both-of-us/", signed_in),
        ("Together poll, no change", f"/together/poll/?s={POLL_STAMP}", {"Cookie": ben}),
    ]
    write_static_twins(pages)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port, args.workers, work)
    report = {
        "machine": machine(),
        "args": vars(args),
        "database": env["DATABASE_URL"].split(":")[0],
        "follow_limits": follow_limits(args, files, follows_per_process),
        "queries_before": QUERIES_BEFORE,
    }
    try:
        print("Sign-in cost", flush=True)
        report["sign_in_ms"] = sign_in_cost()
        print("Weights and query counts (empty database)", flush=True)
        report["weights"] = weights(base, [page for page in pages if "poll" not in page[0].lower()])
        report["queries_empty"] = query_counts(pages)
        queries_per_tap("warm-up")  # the first requests of this process fill what it keeps; not recorded
        report["tap_queries_empty"] = queries_per_tap("empty")
        print("Throughput and latency against the floor (empty database)", flush=True)
        report["empty"] = measure(base, pages, args)
        print("Following a together session: lag from a tap to the other phone, and idle phones held", flush=True)
        report["follow"] = follow.measure(
            base,
            ana,
            ben,
            extra_cookies[: args.idle_phones],
            lambda: worker_pids(server),
            steps=idle_steps(args.idle_phones, args.idle_step),
        )
        print("One account opening many waiting follows at once: the home page meanwhile", flush=True)
        time.sleep(30)  # the idle phones just closed stop waiting on the server
        report["follow_flood"] = connections.follow_flood(base, extra_cookies[-1], together_stamp(extra_cookies[-1]))
        if args.lighthouse:
            print("Lighthouse (mobile)", flush=True)
            report["lighthouse"] = lighthouse(
                args.lighthouse,
                base,
                [
                    ("Home", "/", {}),
                    ("Condition page", "/library/endometriosis/", {}),
                    ("Script step", "/talk/first-talk/3/", {}),
                    ("Idea list (signed in)", "/ideas/", signed_in),
                ],
                work,
            )
        print(f"Generating {args.pairs} pairs with {args.marks_per_person} marks each", flush=True)
        report["population_seconds"] = generate_population(args.pairs, args.marks_per_person)
        settle_database()
        from conversations.models import Mark

        report["marks_total"] = Mark.objects.count()
        at_scale = [page for page in pages if page[2].get("Cookie")]
        report["queries_scale"] = query_counts(pages)
        report["tap_queries_scale"] = queries_per_tap("scale", partner_answers_all=True)
        print("Signed-in pages and the poll at scale", flush=True)
        report["scale"] = measure(base, at_scale, args, static_twins=False)
        if args.load_seconds:
            print(f"Mixed-flow load: {args.load_users} users for {args.load_seconds}s", flush=True)
            report["load"] = load_test(base, load_cookies, args.load_seconds, args.load_users, server, work)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    print("Connections left open on PostgreSQL after bursts, before and now", flush=True)
    report["connections"] = connections.connections_after_bursts(start_server, free_port, work, env)
    (work / "report.json").write_text(json.dumps(report, indent=2))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(render(report))
    print(f"Wrote {args.out} (raw figures: {work / 'report.json'})")
    shutil.rmtree(work / "static", ignore_errors=True)


def verdict(ok):
    return "yes" if ok else "**no**"


def render(r):
    from bench.report import render_markdown

    return render_markdown(r, TARGETS, verdict)


if __name__ == "__main__":
    main()
