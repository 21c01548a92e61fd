# Companion's container image: wheels built once in a builder stage, then a slim final stage with no compilers,
# the app, its hashed static files and a non-root user. The steps it runs live in deploy/entrypoint.sh.
# Build: docker build -t companion .   Run: see compose.yaml and README, "Running it in containers".

# Both stages: python:3.13-slim-bookworm pinned by digest (as resolved on 2026-07-18); re-resolve it when upgrading.

FROM python:3.13-slim-bookworm@sha256:9d7f287598e1a5a978c015ee176d8216435aaf335ed69ac3c38dd1bbb10e8d64 AS builder
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# Every pinned requirement ships a binary wheel today; the compiler is here only for one that stops doing so.
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt requirements-redis.txt /tmp/
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r /tmp/requirements.txt -r /tmp/requirements-redis.txt

FROM python:3.13-slim-bookworm@sha256:9d7f287598e1a5a978c015ee176d8216435aaf335ed69ac3c38dd1bbb10e8d64
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000
WORKDIR /app

# Only the wheels from the builder, never its compilers; nothing from the network at this stage. The optional
# redis client comes too (it is small and pure Python), so compose's redis profile needs only two settings.
COPY requirements.txt requirements-redis.txt /tmp/
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links=/wheels -r /tmp/requirements.txt -r /tmp/requirements-redis.txt \
    && rm /tmp/requirements.txt /tmp/requirements-redis.txt

COPY . /app/
# Hashed, compressed static files at build time. The key is a build-only dummy so the settings load
# (production needs a real SECRET_KEY at run time; this one is never used to sign anything).
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && python -m compileall -q /app

# A non-root user with a fixed uid, so volume ownership and `USER` checks are predictable.
RUN groupadd --system --gid 10001 companion \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent companion
USER 10001:10001

EXPOSE 8000
# The process answers (no database needed); compose asks /readyz instead, which also checks the database.
HEALTHCHECK --start-period=20s --interval=30s --timeout=5s --retries=3 \
    CMD ["/app/deploy/entrypoint.sh", "probe", "/healthz"]
ENTRYPOINT ["/app/deploy/entrypoint.sh"]
CMD ["serve"]
