"""Turn bench/run.py's figures into docs/performance.md."""

import datetime


def _ratio(page, floor, key):
    return page[key] / floor[key] if floor[key] else 0.0


def target_for(name, row, targets):
    """(reference, ratio wanted): shared pages against their static twin, the rest against the floor."""
    if "poll" in name.lower():
        return "floor", targets["poll_rps"]
    if "signed in" in name.lower() or "both of us" in name.lower():
        return "floor", targets["signed_in_rps"]
    return "static", targets["static_rps"]


def _meets(name, row, targets):
    reference, target = target_for(name, row, targets)
    return _ratio(row["page"], row[reference], "rps") >= target


def render_markdown(r, targets, verdict):
    lines = [
        "# Performance",
        "",
        f"Measured {datetime.date.today():%-d %B %Y} by `make bench` on {r['machine']}; database: {r['database']}.",
        f"wrk: 2 threads, {r['args']['connections']} connections, {r['args']['duration']} s per row, asking as a browser does "
        f"(`Accept-Encoding: gzip, deflate, br`); the README's production command (gunicorn with {r['args']['workers']} "
        "uvicorn workers, ASGI), production settings over loopback HTTP. Load generator and server share the machine.",
        "",
        "Each page is compared, in the same run, with two references:",
        "",
        "- its **static twin**: the same page's bytes saved as a static file (with the gzip and Brotli copies",
        "  collectstatic makes) and served by whitenoise in the same server. This is the limit of this stack for a",
        "  page that is the same for every reader. Target for those pages: ≥ "
        f"{targets['static_rps']} of the twin's requests per second.",
        "- the **floor**: a bare view in the same server and middleware that returns a body of the same size from",
        "  memory, asked with the same headers (so for signed-in rows the floor also reads the session and loads the",
        f"  user). Targets: signed-in pages ≥ {targets['signed_in_rps']}, the unchanged poll ≥ {targets['poll_rps']} of the floor.",
        "",
        "Pages the same for every signed-out reader come from the page cache (`editorial/page_cache.py`); signed-in",
        "pages are rendered for their reader on every request.",
        "",
        "## Throughput and latency, empty database",
        "",
        "| page | body bytes | sent bytes | req/s | static twin req/s | ratio to twin | floor req/s | ratio to floor | "
        "p50 ms | p99 ms | target met |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ]
    for name, row in r["empty"].items():
        page, floor, static = row["page"], row["floor"], row["static"]
        reference, target = target_for(name, row, targets)
        ratio = _ratio(page, static if reference == "static" else floor, "rps")
        lines.append(
            f"| {name} | {row['bytes']} | {row['served_bytes']} | {page['rps']:.0f} | {static['rps']:.0f} | "
            f"{_ratio(page, static, 'rps'):.2f} | {floor['rps']:.0f} | {_ratio(page, floor, 'rps'):.2f} | "
            f"{page['p50']:.2f} | {page['p99']:.2f} | {verdict(ratio >= target)} (≥ {target} of the {reference}) |"
        )
    errors = sum(
        row["page"]["errors"] + row["floor"]["errors"] + row["static"]["errors"] for row in r["empty"].values()
    )
    lines += ["", f"Non-2xx/3xx responses during these runs: {errors}.", ""]
    not_unchanged = [
        f"{name} (answered {row['status']} before its run and {row['status_after']} after)"
        for name, row in [*r["empty"].items(), *r.get("scale", {}).items()]
        if "no change" in name.lower() and (row.get("status"), row.get("status_after")) != (204, 204)
    ]
    if not_unchanged:
        lines += ["**Not unchanged, so not the row it claims to be:** " + "; ".join(not_unchanged) + ".", ""]

    lines += _following(r, verdict)

    lines += _staying_up(r)

    sign_in = r.get("sign_in_ms")
    if sign_in:
        lines += [
            "## Sign-in cost",
            "",
            "Sign-in also opens the person's data key with scrypt (`KEY_STRETCHING`, about 100 ms wanted). Medians of",
            "10, in one process with production settings:",
            "",
            "| step | ms |",
            "| --- | ---: |",
            *(f"| {step} | {ms} |" for step, ms in sign_in.items()),
            "",
        ]

    lines += [
        "## Page weight",
        "",
        "Bytes on the wire as the running server sends them to a browser that accepts Brotli: for a first load the",
        "HTML plus the CSS and JS it references; for an htmx fragment, the fragment alone.",
        "",
        "| page | bytes sent | budget | within |",
        "| --- | ---: | ---: | :---: |",
    ]
    for name, size in r["weights"].items():
        budget = (
            targets["fragment_kb"] if "fragment" in name.lower() or "poll" in name.lower() else targets["first_load_kb"]
        )
        lines.append(f"| {name} | {size} | {budget} KB | {verdict(size <= budget * 1024)} |")

    lines += [
        "",
        "## SQL queries per page",
        "",
        f"Empty database, then with {r.get('marks_total', 0):,} marks from {r['args']['pairs']:,} generated pairs "
        f"(generated in {r.get('population_seconds', 0):.0f} s by `manage.py generate_population`).",
        "",
        "| page | queries, empty | queries, at scale | same |",
        "| --- | ---: | ---: | :---: |",
    ]
    for name, count in r["queries_empty"].items():
        scale = r.get("queries_scale", {}).get(name, "")
        lines.append(f"| {name} | {count} | {scale} | {verdict(scale == count)} |")

    lines += _queries_per_tap(r, targets, verdict)

    if r.get("scale"):
        lines += [
            "",
            "## Signed-in pages at scale",
            "",
            "| page | req/s empty | req/s at scale | p50 ms empty | p50 ms at scale | p50 scale/empty | within 1.2x |",
            "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
        ]
        for name, row in r["scale"].items():
            empty = r["empty"][name]["page"]
            ratio = row["page"]["p50"] / empty["p50"] if empty["p50"] else 0
            lines.append(
                f"| {name} | {empty['rps']:.0f} | {row['page']['rps']:.0f} | {empty['p50']:.2f} | {row['page']['p50']:.2f} | "
                f"{ratio:.2f} | {verdict(ratio <= targets['scale_latency'])} |"
            )

    if r.get("lighthouse"):
        lines += [
            "",
            "## Lighthouse 12.2.3 (mobile), Debian's Chromium",
            "",
            "| page | performance | accessibility | best practices | FCP ms | LCP ms | TBT ms | CLS | text compression |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
        ]
        for name, s in r["lighthouse"].items():
            if "error" in s:
                lines.append(f"| {name} | error: {' '.join(s['error'])} | | | | | | | |")
            else:
                lines.append(
                    f"| {name} | {s.get('performance')} | {s.get('accessibility')} | {s.get('best-practices')} | "
                    f"{s['FCP ms']} | {s['LCP ms']} | {s['TBT ms']} | {s['CLS']} | {s.get('text compression', '')} |"
                )

    load = r.get("load")
    if load and "skipped" not in load:
        lines += [
            "",
            "## Mixed-flow load (locust, headless)",
            "",
            f"{load['users']} simulated users for {load['seconds']} s, browsing, stepping through a script, marking "
            f"ideas and polling a together session: {load['requests']:,} requests, **{load['failures']} failures**, "
            f"{load['rps']:.0f} req/s, p50 {load['p50']:.0f} ms, p99 {load['p99']:.0f} ms.",
            "",
            "| request | count | failures | p50 ms | p99 ms |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for kind, name, count, failures, p50, p99 in load["by_name"]:
            lines.append(f"| {kind} {name} | {count} | {failures} | {p50} | {p99} |")
        if load["memory"]:
            first, last = load["memory"][0], load["memory"][-1]
            lines += [
                "",
                f"Worker memory (RSS, MB) at {first[0]} s: {first[1]}; at {last[0]} s: {last[1]}.",
                "Samples every 5 s: " + "; ".join(f"{t} s {m}" for t, m in load["memory"]) + ".",
            ]
    elif load:
        lines += ["", f"Load test skipped: {load['skipped']}."]

    lines += [
        "",
        "## Where targets are missed, why, and what would fix it",
        "",
    ]
    missed = [name for name, row in r["empty"].items() if not _meets(name, row, targets)]
    lines.append("Rows that miss their target in this run: " + (", ".join(missed) if missed else "none") + ".")
    lines += [
        "",
        "- **Pages kept whole against their static twin.** A kept page is served from memory by a middleware just",
        "  below whitenoise, before sessions and authentication, with its Brotli copy chosen for the browser. The",
        "  twin goes through whitenoise, which opens and streams a file for each request, so a kept page can be a",
        "  little faster than its own bytes as a static file (ratios above 1). Both pass the same outer middleware",
        "  (security headers, CSP, Permissions-Policy).",
        "- **Signed-in pages against the floor.** They are rendered for their reader on every request; the parts",
        '  every reader shares (idea cards, the heading and filters, the idea catalogue behind "Both of us") are',
        '  kept per content edition, so what is left is the reader\'s own queries and the layout. "Both of us" runs',
        f'  {_count(r, "Both of us")} queries (see "SQL queries per page") against the floor\'s one, and carries a form,',
        "  so it can never be kept whole.",
        "- **The unchanged poll** is the fallback for phones whose waiting request keeps failing; a following phone",
        '  asks once per 25 s while idle (see "Following a together session"). To decide "nothing changed" it runs',
        f'  {_count(r, "Together poll, no change")} queries ("still here" is written at most every 5 s) against the floor\'s one.',
        "  Deciding from the session's version alone would miss changes that happen by time passing (a partner's",
        '  "here" and "still choosing" run out without any write).',
        *_idle_phones_bullet(r),
    ]
    slow = [
        (name, row)
        for name, row in r.get("scale", {}).items()
        if r["empty"][name]["page"]["p50"]
        and row["page"]["p50"] / r["empty"][name]["page"]["p50"] > targets["scale_latency"]
    ]
    if slow:
        floors = "; ".join(
            f"{name}: the floor went from {r['empty'][name]['floor']['rps']:.0f} to {row['floor']['rps']:.0f} req/s"
            for name, row in slow
        )
        lines += [
            f"- **Latency at scale** is over 1.2x of the empty database for: {', '.join(name for name, _ in slow)}. The floor, which",
            f"  reads no marks at all, also slowed in those same rows ({floors}), so part of it is the machine being busier",
            "  then; the queries are not more: counts are the same at scale, and every signed-in query is filtered",
            "  by the person's own id or pair id through indexed foreign keys. A quieter machine or longer runs would settle it.",
            "",
        ]
    else:
        lines += [
            "- **Latency at scale** is within 1.2x of the empty database, and query counts are the same, because",
            "  every signed-in query is filtered by the person's own id or pair id through indexed foreign keys.",
            "",
        ]
    lines += [
        "## Reproduce",
        "",
        "```sh",
        "make bench                       # everything above, on SQLite, writes this file",
        "DATABASE_URL=postgres://... make bench   # the same on PostgreSQL",
        "```",
        "",
    ]
    return "\n".join(lines)


def _staying_up(r):
    """Connections left open after bursts (before and now, one run), and the home page during a follow flood."""
    lines = []
    found = r.get("connections")
    flood = r.get("follow_flood")
    if not found and not flood:
        return lines
    lines += [
        "## The site stays up: database connections and waiting follows",
        "",
        "Every request gives its database connection back when it ends (`CONN_MAX_AGE` 0, as Django advises under",
        "ASGI), and on PostgreSQL a worker takes connections from psycopg's pool of at most `DB_POOL_MAX_SIZE` (8).",
        "Size it so that workers x `DB_POOL_MAX_SIZE`, plus one listening connection per worker for Together and",
        "whatever else connects (admin, backups), stays below PostgreSQL's `max_connections` (100 by default): the",
        "README's 2 workers use at most 2 x (8 + 1) = 18. A waiting follow gives its connection back before it waits.",
        "Waiting follows are capped per person (`FOLLOWS_PER_PERSON`, 2) and per worker (`FOLLOWS_PER_PROCESS`, 200:",
        "past it, 503 with Retry-After, and the page checks at that pace for a minute).",
        "",
    ]
    if found and "skipped" in found:
        lines += [f"Connections after bursts on PostgreSQL: **skipped** ({found['skipped']}).", ""]
    elif found:
        names = list(found["setups"])
        lines += [
            "Concurrent signed-out requests of `/ideas/?category=closeness&x=<n>` (past the page cache) under gunicorn",
            f"with 2 uvicorn workers on PostgreSQL (`max_connections` {found['max_connections']}); then the connections",
            "still open to the app's database, counted in `pg_stat_activity`. Both set-ups in this run, one after the other,",
            "bursts of 50, 150 and 300 on the same server. Now: at most 2 workers x `DB_POOL_MAX_SIZE` (8) = 16.",
            "",
            "| burst | " + " | ".join(f"{name}: open after | failed" for name in names) + " |",
            "| ---: | " + " | ".join("---: | ---:" for _ in names) + " |",
        ]
        for n, size in enumerate(row["burst"] for row in found["setups"][names[0]]):
            cells = [
                f"{found['setups'][name][n]['open_after']} | {found['setups'][name][n]['failed']}" for name in names
            ]
            lines.append(f"| {size} | " + " | ".join(cells) + " |")
        lines.append("")
    if flood:
        lines += [
            "The home page (a stranger's, 200 requests one after another) while nobody follows, and while one account",
            f"opens {flood['follows']} follows at once (the security report's `follow_flood.py`). A person keeps at most",
            "`FOLLOWS_PER_PERSON` (2) waiting per worker: each newer one answers their oldest at once (204, Retry-After).",
            "",
            "| home page | p50 ms | p95 ms | failed |",
            "| --- | ---: | ---: | ---: |",
            f"| nobody following | {flood['quiet_p50']} | {flood['quiet_p95']} | 0 |",
            f"| one account flooding follows | {flood['flood_p50']} | {flood['flood_p95']} | {flood['home_failed']} |",
            "",
            f"The flood's answers by status: {', '.join(f'{k}: {v}' for k, v in flood['answered'].items())}; not yet answered "
            f"(still queued or waiting) when the last home page came back: {flood['still_waiting']} (p95 during / quiet: "
            f"{flood['flood_p95'] / flood['quiet_p95']:.1f}).",
            "",
        ]
    return lines


def _count(r, name):
    return r.get("queries_empty", {}).get(name, "?")


def _idle_phones_bullet(r):
    follow = r.get("follow")
    if not follow or not follow.get("capacity"):
        return []
    last = follow["capacity"][-1]
    threads = [w["threads"] for w in last["workers"] if w]
    stopped = follow["stopped"]
    where = (
        f"the steps stopped at {stopped['at']:,} ({'; '.join(stopped['why'])})"
        if stopped["at"] is not None
        else "no step was out of target"
    )
    return [
        f"- **Idle phones held: {follow['held']:,}** in target; {where}. Each waiting follow keeps one idle thread",
        "  in its worker (Django runs a request's sync parts in a one-thread executor of that request's own, kept",
        f"  until the request ends): at {last['idle_phones']:,} idle phones the workers had {threads} threads. On SQLite",
        "  each worker also reads the versions of every session it holds a waiting phone for every 0.1 s, in one",
        '  query; on PostgreSQL it waits for NOTIFY instead. See "Following a together session" for the limits.',
    ]


def _following(r, verdict):
    """Follow lag against the 2 s poll, idle phones held in steps, where the steps stopped and why, and the limits."""
    follow = r.get("follow")
    if not follow:
        return []
    cpu = follow["idle_cpu_ms_per_phone_minute"]
    limits = r.get("follow_limits", {})
    polling = follow["polling"]
    lines = [
        "## Following a together session",
        "",
        "Follow lag: one phone taps Next or Back; the time until the other phone has the new card (two clients,",
        "each doing what the page's JavaScript does). Target: p50 ≤ 300 ms, p95 ≤ 600 ms. Before, phones polled",
        "every 2 s; that is measured in the same run for comparison.",
        "",
        "Idle phones: each is a signed-in person on their own pair's open session, following (one request held open",
        "until something changes, asked again every 25 s). They open Together at 100 a second, as people arrive,",
        f"in steps ({', '.join(f'{n:,}' for n in follow.get('steps', []))}); each step keeps the phones of the one",
        "before. A step is in target when the lag is, every idle phone opened Together, and none was refused (503)",
        'or failed; the steps stop at the first that is not. "Waiting on the server": the fewest idle phones with a',
        "follow open during the taps. CPU, while the taps ran: the server's workers and the load generator in % of one",
        "core (a worker, like the load generator, is one Python process: about one core at most), the machine in % of",
        "all its cores, whoever used them.",
        "",
        "| how the other phone follows | idle together phones | waiting on the server | refused (503) | errors | taps "
        "| p50 ms | p95 ms | max ms | server CPU % | load generator CPU % | machine CPU % | in target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
        f"| poll every 2 s (before) | 0 | | | | {polling['n']} | {polling['p50']} | {polling['p95']} | "
        f"{polling['max']} | | | | {verdict(polling['p50'] <= 300 and polling['p95'] <= 600)} |",
    ]
    for row in follow["capacity"]:
        errors = sum(row["errors"].values())
        lines.append(
            f"| a waiting request (now) | {row['idle_phones']:,} | {row['waiting']:,} | {row['refused_503']} | {errors} | "
            f"{row['n']} | {row['p50']} | {row['p95']} | {row['max']} | {row['server_cpu']} | {row['client_cpu']} | "
            f"{row.get('machine_cpu', '')} | "
            f"{verdict(row['in_target'])} |"
        )
    stopped = follow["stopped"]
    lines += [
        "",
        f"**Idle phones held with follow lag in target: {follow['held']:,}** (target for issue 21: at least 3,000 on",
        "this machine).",
        "",
    ]
    if stopped["at"] is not None:
        lines.append(f"**Stopped at {stopped['at']:,} idle phones**, because: {'; '.join(stopped['why'])}.")
    else:
        lines.append(f"**Not stopped**: {'; '.join(stopped['why'])}.")
    workers = [
        f"{row['idle_phones']:,}: "
        + ", ".join(f"{w['threads']} threads, {w['open_files']} files" for w in row["workers"] if w)
        for row in follow["capacity"]
    ]
    lines += [
        "",
        "Each worker at each step (threads, open files): " + "; ".join(workers) + ".",
        "",
        f"Server work per idle phone, CPU ms per phone per minute over 30 s with {cpu['phones']} idle phones: "
        f"**{cpu['follow']}** following, against **{cpu['poll every 2 s']}** polling every 2 s "
        f"({verdict(cpu['follow'] <= cpu['poll every 2 s'])} no more than the poll).",
        "",
    ]
    if limits:
        files = limits["client_files"]
        worker_limit = next((w["file_limit"] for row in follow["capacity"] for w in row["workers"] if w), "not read")
        lines += [
            "Limits on idle phones, in this run and in production:",
            "",
            f"- `FOLLOWS_PER_PROCESS` (waiting follows one worker holds; past it 503 with Retry-After): "
            f"**{limits['follows_per_process']:,}** for this run, set by the bench so that one worker could hold every",
            f"  idle phone (the kernel does not share connections evenly between workers). **Production default: "
            f"{limits['follows_per_process_default']}** per worker, so the README's {limits['workers']} workers hold at most "
            f"{limits['follows_per_process_default'] * limits['workers']:,}; past that, phones check again every 5 s. "
            "Raise it (environment) to hold more.",
            f"- `FOLLOWS_PER_PERSON`: {limits['follows_per_person']} per worker (unchanged).",
            f"- Open files (`ulimit -n`): the load generator's soft limit was {files['before'][0]:,} (hard "
            f"{files['before'][1]:,}); "
            + (
                f"the bench raised it to {files['now'][0]:,}"
                if files["now"][0] != files["before"][0]
                else "already the hard limit, so the bench left it"
            )
            + ", and gunicorn, started by the bench,",
            f"  inherits it (each worker: {worker_limit}). Every held phone is one socket on each side. In production",
            "  the service manager sets it (systemd's default soft limit is 1,024 files a process): raise it",
            "  (`LimitNOFILE=`) to hold more than about a thousand phones per worker.",
            f"- gunicorn's listen backlog: {limits['backlog']:,} (its default); {limits['workers']} uvicorn workers, no "
            "concurrency limit.",
            f"- Database: {limits['database']}. On SQLite, each worker's watcher thread reads its waiting sessions' "
            "versions every 0.1 s; on PostgreSQL it waits for NOTIFY.",
            "",
        ]
    return lines


def _queries_per_tap(r, targets, verdict):
    """Queries for one htmx Together Next and one unchanged poll, counted in the bench's own process."""
    empty, scale = r.get("tap_queries_empty"), r.get("tap_queries_scale")
    if not empty:
        return []
    before = r.get("queries_before", {"next": 17, "poll": 8})
    lines = [
        "",
        "## Queries per tap",
        "",
        "One htmx Together tap, counted in the bench's own process (Django's test client against the bench database,",
        "production settings, `CaptureQueriesContext`), each case on a new pair of its own: Next (POST",
        "`/together/move/`, HX-Request) while the partner's phone is here and still choosing (the tap waits), and",
        "when the partner has answered (the tap moves both phones on); and one unchanged poll",
        "(GET `/together/poll/?s=<the card's stamp>`, 204) while the partner's phone is here. \"Before\": the code",
        "review's count. At scale: the same cases after the generated population exists, the partner having",
        "answered every idea.",
        "",
        "| case | outcome | queries now | at scale | before | target | within |",
        "| --- | --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    for case, row in empty.items():
        at_scale = (scale or {}).get(case, {})
        is_next = case.startswith("next")
        counts = [row["queries"], *([at_scale["queries"]] if at_scale else [])]
        target = f"≤ {targets['queries_per_next']}" if is_next else "–"
        within = verdict(max(counts) <= targets["queries_per_next"]) if is_next else "–"
        lines.append(
            f"| {case} | {row['outcome']} | {row['queries']} | {at_scale.get('queries', '')} | "
            f"{before['next'] if is_next else before['poll']} | {target} | {within} |"
        )
    answered_empty = empty["next, partner answered"]
    answered_scale = (scale or {}).get("next, partner answered")
    lines.append("")
    if answered_scale:
        same = answered_scale["queries"] == answered_empty["queries"]
        lines.append(
            f"Constant with ideas and people: a Next that moves costs {answered_empty['queries']} queries with a partner "
            f"who answered {answered_empty['partner_answers']} ideas on a nearly empty database, and "
            f"{answered_scale['queries']} with a partner who answered all {answered_scale['partner_answers']} among "
            f"{r.get('marks_total', 0):,} marks of {r['args']['pairs']:,} generated pairs ({verdict(same)} the same). "
            "No target was set for the poll's count."
        )
    else:
        lines.append("Not measured at scale in this run (the population step did not run).")
    return lines
