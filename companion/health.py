"""Health checks for a load balancer, a container or a person at a shell.

`/healthz`: the process answers (it touches neither the database nor the cache).
`/readyz` and `manage.py check_health`: the database answers, the cache keeps a value, and no migration is
pending. Each failure is named in a plain line, never with an exception's detail.

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


def _database_answers():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
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
