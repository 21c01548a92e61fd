"""Health checks for a load balancer, a container or a person at a shell.

`/healthz`: the process answers (it touches neither the database nor the cache; the page cache middleware
skips both probes, so no edition is read for them).
`/readyz` and `manage.py check_health`: the database answers (within READY_WAIT_SECONDS on PostgreSQL's pool),
the cache keeps a value, and no migration is pending. Each failure is named in a plain line, never with an
exception's detail.

Neither page is ever kept by the page cache (they are not `shared_page` views), nor by a browser or proxy
(`never_cache`), and neither touches the session, so no cookie is set. The probe must send a Host that
ALLOWED_HOSTS lists, like any other request.
"""

import secrets

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

PLAIN_TEXT = "text/plain; charset=utf-8"
# How long the readiness check waits for a PostgreSQL connection from the pool; a request waits DB_POOL_TIMEOUT.
READY_WAIT_SECONDS = 3


def _database_answers():
    database = connections[DEFAULT_DB_ALIAS]
    pool = getattr(database, "pool", None)  # PostgreSQL's pool; SQLite has none
    if pool is not None and database.connection is None:
        pool.open()  # as Django does on first use; it returns at once if open already
        with pool.connection(timeout=READY_WAIT_SECONDS) as raw:
            return raw.execute("SELECT 1").fetchone() == (1,)
    with database.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_keeps_a_value(alias):
    store = caches[alias]
    key, value = f"health-check:{secrets.token_hex(8)}", secrets.token_hex(8)
    store.set(key, value, 10)
    try:
        return store.get(key) == value
    finally:
        store.delete(key)


def _pending_migrations():
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def problems() -> list[str]:
    """One plain line per failed check; an empty list when the site is ready to serve."""
    found = []
    try:
        database_ok = _database_answers()
    except Exception:  # any failure is "not answering": its detail may name hosts or users
        database_ok = False
    if not database_ok:
        found.append("database: not answering")
    for alias in settings.CACHES:
        try:
            cache_ok = _cache_keeps_a_value(alias)
        except Exception:
            cache_ok = False
        if not cache_ok:
            found.append(f"cache {alias}: not keeping values")
    if database_ok:  # the migration check needs the database
        try:
            pending = _pending_migrations()
        except Exception:
            found.append("migrations: cannot be read")
        else:
            if pending:
                found.append(f"migrations: {pending} pending")
    return found


@require_safe
@never_cache
def healthz(request):
    return HttpResponse("ok", content_type=PLAIN_TEXT)


@require_safe
@never_cache
def readyz(request):
    found = problems()
    if found:
        return HttpResponse("\n".join(found), status=503, content_type=PLAIN_TEXT)
    return HttpResponse("ready", content_type=PLAIN_TEXT)
