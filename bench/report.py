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

    follow = r.get("follow")
    if follow:
        cpu = follow["idle_cpu_ms_per_phone_minute"]
        held = [row["idle_phones"] for row in follow["capacity"] if row["in_target"]]
        lines += [
            "## Following a together session",
            "",
            "Follow lag: one phone taps Next or Back; the time until the other phone has the new card (two clients,",
            "each doing what the page's JavaScript does). Target: p50 ≤ 300 ms, p95 ≤ 600 ms. Before this change phones",
            "polled every 2 s; that is measured in the same run for comparison.",
            "",
            "| how the other phone follows | idle together phones on the server | taps | p50 ms | p95 ms | max ms | in target |",
            "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
            f"| poll every 2 s (before) | 0 | {follow['polling']['n']} | {follow['polling']['p50']} | {follow['polling']['p95']} | "
            f"{follow['polling']['max']} | {verdict(follow['polling']['p50'] <= 300 and follow['polling']['p95'] <= 600)} |",
        ]
        for row in follow["capacity"]:
            lines.append(
                f"| a waiting request (now) | {row['idle_phones']} | {row['n']} | {row['p50']} | {row['p95']} | "
                f"{row['max']} | {verdict(row['in_target'])} {row.get('note', '')} |"
            )
        lines += [
            "",
            f"**Idle phones held with follow lag in target: {max(held) if held else 0}** (the most tried in this run "
            f"that stayed in target; each idle phone is on its own pair's open session, following).",
            "",
            f"Server work per idle phone, CPU ms per phone per minute over 30 s with {cpu['phones']} idle phones: "
            f"**{cpu['follow']}** following, against **{cpu['poll every 2 s']}** polling every 2 s "
            f"({verdict(cpu['follow'] <= cpu['poll every 2 s'])} no more than the poll).",
            "",
        ]

    lines += _staying_up(r)

    sign_in = r.get("sign_in_ms")
    if sign_in:
        lines += [
            "## Sealed records: sign-in cost, and pages against the plain-text storage from before",
            "",
            "Sign-in now also opens the person's data key with scrypt (`KEY_STRETCHING`, about 100 ms wanted). Medians of",
            "10, in one process with production settings:",
            "",
            "| step | ms |",
            "| --- | ---: |",
            *(f"| {step} | {ms} |" for step, ms in sign_in.items()),
            "",
            *_sealing(r),
            "The same marks stored as before (plain columns, the old queries: `bench/plain_marks.py`) and sealed (now),",
            "side by side in the same run:",
            "",
            "| page | sealed req/s | plain req/s | sealed / plain | sealed p50 ms | plain p50 ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, row in r["empty"].items():
            plain = r["empty"].get(f"{r['plain_text_label']} {name}")
            if plain:
                lines.append(
                    f"| {name} | {row['page']['rps']:.0f} | {plain['page']['rps']:.0f} | "
                    f"{_ratio(row['page'], plain['page'], 'rps'):.2f} | {row['page']['p50']:.2f} | {plain['page']['p50']:.2f} |"
                )
        lines.append("")

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
        "  five queries (user, seat, both seats, my sealed tokens equal to my partner's, the change",
        "  counts) against the floor's one, and carries a form, so it can never be kept whole.",
        "- **The unchanged poll** is the fallback for phones whose waiting request keeps failing; a following phone",
        '  asks once per 25 s while idle (see "Following a together session"). To decide "nothing changed" it reads',
        "  the seat, the session and its length, both phones' presence, the current idea and whether the partner",
        '  answered it (7 queries; "still here" is written at most every 5 s) against the floor\'s one. Deciding from',
        "  the session's version alone would miss changes that happen by time passing (a partner's \"here\" and",
        '  "still choosing" run out without any write), so it is left as it is.',
        "- **Idle phones held.** Under ASGI, Django runs the sync middleware (sessions, authentication) of each",
        "  request in a thread of its own that stays parked until the request ends, so every waiting phone keeps",
        "  one idle thread. The largest step that stays in target is where that begins to cost more than the waiting",
        "  itself. Async-native session and authentication middleware would remove it.",
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


def _sealing(r):
    """The sealed marks before issue 19 and now (bench/run.py `sealing_cost`), side by side."""
    cost = r.get("sealing_ms")
    if not cost:
        return []
    return [
        "Sealed marks before issue 19 (a row per answered idea, unpadded: `bench/previous_marks.py`) and now (a",
        "padded row per idea, every row and token rewritten on each change, MACed tokens), in ms, medians of 30:",
        "",
        "| step | before | now | now / before |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {step} | {cost['before'][step]} | {ms} | {ms / cost['before'][step]:.1f} |"
            for step, ms in cost["now"].items()
        ),
        "",
    ]


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
