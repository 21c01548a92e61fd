"""The test suite's settings: production settings over plain HTTP, with a throwaway key."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "x" * 50)
os.environ.setdefault("INSECURE_HTTP", "1")

from .settings import *  # noqa: E402, F403
from .settings import DATABASES, STORAGES  # noqa: E402

# Hashed, compressed static names need collectstatic; tests serve from the finders.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
KEY_STRETCHING = {"log2_n": 10, "r": 1}  # the same code, cheaply: every test user signs up
KEY_STRETCHING_FLOOR = KEY_STRETCHING
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
DATABASES["default"]["CONN_MAX_AGE"] = 0  # threads in tests must not keep connections open
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not shared memory: under WAL a phone's waiting request and the thread that
    # watches for changes read while another thread writes, as in production.
    import tempfile

    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"companion-test-{os.getpid()}.sqlite3")
    }
# One process: load_content tells it at once; never a surprise query in the middle of a counted test.
CONTENT_EDITION_RECHECK_SECONDS = 3600
