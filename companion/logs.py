"""Log lines never carry a page's path: "Not Found: /library/vaginismus/…" next to a time is health data.

With LOG_FORMAT=json each line is one JSON object, with the id of the request it came from, so an operator can
group one request's lines without any path, address or person in them."""

import contextvars
import json
import logging
import secrets
from datetime import UTC, datetime

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")


class WithoutPaths(logging.Filter):
    """Django's request and security loggers put the path in their arguments: each is replaced by "[path]".
    The status and reason stay, which is what an operator needs. On the console handler, so on every line."""

    def filter(self, record):
        if isinstance(record.args, tuple):
            record.args = tuple(
                "[path]" if isinstance(arg, str) and arg.startswith("/") else arg for arg in record.args
            )
        return True


def start_request_id(**kwargs):
    """On request_started: a random id for the request's log lines (never from the person, address or path).
    A signal, not a middleware, because Django logs a 4xx or 5xx after the middleware has returned."""
    _request_id.set(secrets.token_hex(6))


def end_request_id(**kwargs):
    _request_id.set("")


class JsonLines(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request id, and the traceback if any."""

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")[:-6] + "Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request_id := _request_id.get():
            line["request_id"] = request_id
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
