"""Settings for Companion: one module, read from the environment.

SQLite by default, so a fresh checkout just works; set DATABASE_URL for
PostgreSQL. DEBUG is off unless the environment turns it on.
"""

import os
import zoneinfo
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


def env_bool(name, default=False):
    """A yes/no setting. Anything else (a typo such as "ture") stops the start, rather than silently meaning no."""
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value not in TRUE | FALSE:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(sorted(TRUE | FALSE))}, not {value!r}.")
    return value in TRUE


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name) or str(default)
    if not value.strip().isdigit():
        raise ImproperlyConfigured(f"{name} must be a whole number of seconds or connections, not {value!r}.")
    return int(value)


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    "companion.apps.CompanionAdminConfig",  # django.contrib.admin, with a second factor (companion/admin_site.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "editorial",
    "partners",
    "companion",
    "conditions",
    "conversations",
    "programme",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "companion.middleware.PermissionsPolicyMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "companion.middleware.StaticFilesMiddleware",
    "companion.middleware.CompressionMiddleware",
    "editorial.page_cache.SharedPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the admin's second factor
    "partners.sessions.RevokedSessionMiddleware",
    "partners.sessions.LockedKeysMiddleware",
    "companion.time_zones.BrowserTimeZoneMiddleware",
    "companion.middleware.SignedInPrivacyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "companion.middleware.HtmxSignInMiddleware",
    "companion.middleware.FormOnlyAddressMiddleware",
]
CSRF_FAILURE_VIEW = "companion.views.csrf_failure"

ROOT_URLCONF = "companion.urls"
WSGI_APPLICATION = "companion.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "companion.context_processors.site",
            ],
        },
    },
]

# Every request gives its connection back when it ends (CONN_MAX_AGE 0), as Django advises under ASGI: a
# persistent connection opened in one of the threads Django runs a request's sync parts in is not reliably
# closed, and enough of them use up PostgreSQL's max_connections. Only a WSGI server or `runserver` gains
# from CONN_MAX_AGE above 0 (and PostgreSQL's pool below refuses it).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DATABASES["default"]["CONN_MAX_AGE"] == 0:
    # psycopg's own pool, one per worker process: opening a connection costs little, and a worker never holds
    # more than DB_POOL_MAX_SIZE. Keep workers x DB_POOL_MAX_SIZE (plus one listening connection per worker for
    # Together, and the admin's own) below PostgreSQL's max_connections (100 by default): 2 workers x 8 = 16.
    # A request that finds the pool busy waits up to DB_POOL_TIMEOUT seconds for a connection, then fails.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "pool": {
            "min_size": env_int("DB_POOL_MIN_SIZE", 1),
            "max_size": env_int("DB_POOL_MAX_SIZE", 8),
            "timeout": env_int("DB_POOL_TIMEOUT", 10),
        },
    }

# Phones waiting on Together (conversations/follow.py). A person's newest waits and their oldest is answered
# at once; past the process's ceiling a phone is told to check again a little later (503, Retry-After).
FOLLOWS_PER_PERSON = env_int("FOLLOWS_PER_PERSON", 2)
FOLLOWS_PER_PROCESS = env_int("FOLLOWS_PER_PROCESS", 200)
# PostgreSQL only: where the one listening connection per worker goes, if not DATABASE_URL. LISTEN needs a direct
# or session-pooled connection; set this when DATABASE_URL goes through a transaction pooler (PgBouncer's default).
FOLLOW_LISTEN_URL = os.environ.get("LISTEN_DATABASE_URL", "").strip()
if FOLLOW_LISTEN_URL and not (
    FOLLOW_LISTEN_URL.startswith(("postgres://", "postgresql://"))
    and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
):
    raise ImproperlyConfigured(
        "LISTEN_DATABASE_URL must be a postgres:// URL, and only with a PostgreSQL DATABASE_URL."
    )
# New accounts per minute for the whole site: past it, sign-up asks the next person to wait a few seconds.
SIGN_UPS_PER_MINUTE = env_int("SIGN_UPS_PER_MINUTE", 30)
OTP_TOTP_ISSUER = "Companion"  # the name an authenticator app shows for the admin's second factor
# manage.py backup encrypts to these age public keys ("age1...", comma-separated); the private key stays off the server.
BACKUP_RECIPIENTS = env_list("BACKUP_RECIPIENTS")

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several workers writing at once: take the write lock when a transaction
    # starts (so the busy timeout applies), and let readers carry on (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # secure_delete: a changed or deleted row's old bytes are overwritten, not left in free pages.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;",
    }

# Pages the same for every signed-out reader are kept whole in this cache (editorial/page_cache.py).
# Local memory by default; any Django cache backend through CACHE_BACKEND and CACHE_LOCATION.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "companion"),
        **({"OPTIONS": {"MAX_ENTRIES": 1000}} if "CACHE_BACKEND" not in os.environ else {}),
    }
}
SHARED_PAGE_CACHE = "default"
SHARED_PAGE_CACHE_SECONDS = 24 * 60 * 60
SHARED_PAGE_MAX_AGE = env_int("SHARED_PAGE_MAX_AGE", 60)  # how long a browser or CDN may reuse one without asking
CONTENT_EDITION_RECHECK_SECONDS = 2  # how soon every server sees a new load_content

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "partners.validators.PassphraseVarietyValidator"},
]

# scrypt's cost for the keys that seal each person's data key (partners/keys.py): 2**15 x 128 x 10 bytes = 40 MiB,
# about 100 ms on this project's 2-core machine. Stored with each sealed key, so it can be raised later.
KEY_STRETCHING = {"log2_n": env_int("KEY_STRETCHING_LOG2_N", 15), "r": 10}
# Only costs in this range are ever tried when opening a sealed key (a cost written into the database could
# otherwise ask for gigabytes): the ceiling is 2**17 x 128 x 10 bytes = 160 MiB. To raise KEY_STRETCHING later,
# keep the floor at the old cost (KEY_STRETCHING_FLOOR_LOG2_N), since keys sealed before keep theirs.
KEY_STRETCHING_FLOOR = {
    "log2_n": env_int("KEY_STRETCHING_FLOOR_LOG2_N", KEY_STRETCHING["log2_n"]),
    "r": KEY_STRETCHING["r"],
}
KEY_STRETCHING_CEILING = {"log2_n": max(17, KEY_STRETCHING["log2_n"]), "r": max(10, KEY_STRETCHING["r"])}

LANGUAGE_CODE = "en"
# Dates people read are in their browser's zone (the `tz` cookie, companion/time_zones.py); this is the zone
# for a browser that has not said, and for the server's own dates.
TIME_ZONE = os.environ.get("TIME_ZONE", "").strip() or "Europe/London"
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(f"TIME_ZONE must be a zone name such as Europe/London, not {TIME_ZONE!r}.") from None
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security headers. The strict ones apply everywhere; the HTTPS-only ones
# apply whenever DEBUG is off (production).
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],  # our files only: no inline script, so no nonce and no per-request data in pages
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = (
    "same-origin"  # no-referrer makes browsers send "Origin: null" on POST, which CSRF rightly refuses
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

HTTPS = not DEBUG and not env_bool("INSECURE_HTTP")
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # a probe on the private port gets its answer, not a redirect
SECURE_HSTS_SECONDS = 63072000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Behind one trusted TLS proxy that sets X-Forwarded-Proto and appends the
# client's address to X-Forwarded-For (nginx: proxy_add_x_forwarded_for).
BEHIND_PROXY = env_bool("BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No query strings or bodies in logs: only Django's errors, to the console. LOG_FORMAT=json: one JSON object a line.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower() or "text"
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_paths": {"()": "companion.logs.WithoutPaths"}},
    "formatters": {"json": {"()": "companion.logs.JsonLines"}},
    # Django's own lines name the path ("Not Found: /library/…"): every line leaves with the path taken out.
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["without_paths"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Where the "Quick exit" control sends people: a neutral, everyday page.
QUICK_EXIT_URL = os.environ.get("QUICK_EXIT_URL", "https://www.bbc.co.uk/weather")

# Numbers for urgent help, shown with "or your local emergency number": UK
# defaults; a deployment elsewhere changes these two values.
HELP_NUMBERS = {
    "emergency": os.environ.get("EMERGENCY_NUMBER", "999"),
    "urgent_advice": os.environ.get("URGENT_ADVICE_NUMBER", "111"),
}

AUTH_USER_MODEL = "partners.User"
# Sessions live in a signed cookie: nothing per visitor in the database, any app
# server can read them, and "sign out everywhere" works through the session hash.
SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
LOGIN_URL = "account:sign_in"
LOGIN_REDIRECT_URL = "account:home"
LOGOUT_REDIRECT_URL = "home"

# Signed-in sessions end after this much inactivity (refreshed at most every
# few minutes, so polling does not write on every request).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 12 * 60 * 60)
SESSION_REFRESH_SECONDS = 5 * 60

# Accounts not signed in to for this long are deleted, with everything in them (manage.py forget_idle, run daily).
# The privacy page states this period, so the two cannot disagree.
FORGET_IDLE_AFTER_DAYS = 730

# Error reports, only if SENTRY_DSN is set (opt-in: otherwise nothing leaves the server). See companion/error_reports.py.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    from sentry_sdk.utils import BadDsn

    from companion import error_reports

    try:
        error_reports.start(SENTRY_DSN, os.environ.get("SENTRY_ENVIRONMENT", "").strip())
    except BadDsn as error:
        raise ImproperlyConfigured(f"SENTRY_DSN is not a valid Sentry DSN ({error}).") from None
