"""Log lines never carry a page's path: "Not Found: /library/vaginismus/…" next to a time is health data."""

import logging


class WithoutPaths(logging.Filter):
    """Django's request and security loggers put the path in their arguments: each is replaced by "[path]".
    The status and reason stay, which is what an operator needs. On the console handler, so on every line."""

    def filter(self, record):
        if isinstance(record.args, tuple):
            record.args = tuple(
                "[path]" if isinstance(arg, str) and arg.startswith("/") else arg for arg in record.args
            )
        return True
