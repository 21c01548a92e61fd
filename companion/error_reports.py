"""Error reports to Sentry, only when SENTRY_DSN is set (settings.py calls start()).

An event leaves with what an operator needs to find the fault, and nothing that could say who someone is or what
they read: the exception's type, the stack's files, functions and lines, the route pattern and the HTTP method.
Everything else is dropped by an allow-list in without_personal_data, so a field a future SDK adds never leaves.
"""

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.dedupe import DedupeIntegration
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.excepthook import ExcepthookIntegration
from sentry_sdk.transport import Transport

# The only top-level keys an event keeps. Not among them: request (path, query string, body, cookies, headers,
# the client's address), user, extra (sys.argv), tags, breadcrumbs, message and logentry (log lines name paths),
# modules, threads, spans and _meta.
KEPT_EVENT_KEYS = {"event_id", "timestamp", "level", "platform", "environment", "release", "server_name", "sdk"}
KEPT_EXCEPTION_KEYS = {"type", "module", "mechanism", "stacktrace"}
KEPT_MECHANISM_KEYS = {"type", "handled", "exception_id", "parent_id", "source", "is_exception_group"}
# No vars, no source lines, no abs_path (it names the server's directories).
KEPT_FRAME_KEYS = {"filename", "module", "function", "lineno", "in_app"}

# Nothing the SDK collects by itself about a request or a person (this release's successor to send_default_pii).
COLLECT_NOTHING: Any = {
    "user_info": False,
    "cookies": {"mode": "off"},
    "http_headers": {"request": {"mode": "off"}},
    "http_bodies": [],
    "url_query_params": {"mode": "off"},
    "graphql": {"document": False, "variables": False},
    "gen_ai": {"inputs": False, "outputs": False},
    "database_query_data": False,
    "queues": False,
    "stack_frame_variables": False,
    "frame_context_lines": 0,
}


def start(dsn: str, environment: str = "", transport: Transport | None = None) -> None:
    """Send unhandled errors to the project at dsn; transport is for tests. A malformed dsn raises BadDsn."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or "production",
        server_name="companion",  # not the host's name
        transport=transport,
        # Only these: Django's request errors, a crashing command, one event per error. No logging integration
        # (log lines and their breadcrumbs stay on the server), no argv, modules, stdlib or threading, nothing auto.
        default_integrations=False,
        auto_enabling_integrations=False,
        integrations=[
            DjangoIntegration(transaction_style="url", middleware_spans=False, signals_spans=False),
            ExcepthookIntegration(),
            DedupeIntegration(),
        ],
        data_collection=COLLECT_NOTHING,
        include_local_variables=False,
        include_source_context=False,
        max_request_body_size="never",
        max_breadcrumbs=0,
        before_breadcrumb=lambda crumb, hint: None,
        before_send=without_personal_data,
        # No tracing, profiling, logs, release-health sessions or client reports: errors only.
        traces_sample_rate=None,
        propagate_traces=False,
        trace_propagation_targets=[],
        profiles_sample_rate=None,
        enable_logs=False,
        auto_session_tracking=False,
        send_client_reports=False,
    )


def without_personal_data(event: Any, hint: Any) -> Any:
    """The event cut down to the allow-lists above: a new dict, built only from known-safe keys."""
    kept = {key: event[key] for key in KEPT_EVENT_KEYS if key in event}
    request = event.get("request") or {}
    if request.get("method"):
        kept["request"] = {"method": request["method"]}
    # The route pattern ("library/<slug:slug>/"), never the path it matched; when Django could not resolve
    # the path the SDK names the transaction after the path itself, so then there is none.
    if (event.get("transaction_info") or {}).get("source") == "route" and event.get("transaction"):
        kept["transaction"] = event["transaction"]
        kept["transaction_info"] = {"source": "route"}
    runtime = (event.get("contexts") or {}).get("runtime")
    if runtime:
        kept["contexts"] = {"runtime": {key: runtime[key] for key in ("name", "version") if key in runtime}}
    exceptions = (event.get("exception") or {}).get("values") or []
    if exceptions:
        kept["exception"] = {"values": [_exception_without_message(exception) for exception in exceptions]}
    return kept


def _exception_without_message(exception: dict[str, Any]) -> dict[str, Any]:
    # No "value": a message can quote what someone typed or which page they were on
    # (KeyError('vaginismus'), a database error's "Key (username)=(ana)"). The type and the lines suffice.
    kept = {key: exception[key] for key in KEPT_EXCEPTION_KEYS if key in exception}
    if "mechanism" in kept:
        kept["mechanism"] = {key: value for key, value in kept["mechanism"].items() if key in KEPT_MECHANISM_KEYS}
    if "stacktrace" in kept:
        frames = kept["stacktrace"].get("frames") or []
        kept["stacktrace"] = {
            "frames": [{key: frame[key] for key in KEPT_FRAME_KEYS if key in frame} for frame in frames]
        }
    return kept
