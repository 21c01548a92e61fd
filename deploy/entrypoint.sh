#!/usr/bin/env bash
# The steps the container runs, in one place, so they also run (and are tested) outside a container.
#   prepare   migrate the database, then check and load the content files (once per deploy)
#   serve     the README's production command: gunicorn managing uvicorn workers
#   check     Django's deployment checklist, and fail if a migration is pending
#   probe P   ask this server for path P (e.g. /healthz) with a Host that ALLOWED_HOSTS lists; exit 1 unless 200
#   manage …  any manage.py command (backup, restore, forget_idle, admin_second_factor, check_health…)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python}"

usage() {
    echo "usage: $0 {prepare|serve|check|probe PATH|manage COMMAND [ARGUMENTS]}" >&2
}

case "${1:-}" in
    prepare)
        "$PYTHON" manage.py migrate --noinput
        "$PYTHON" manage.py load_content
        ;;
    serve)
        # exec: gunicorn becomes this process, so it receives the container's stop signal itself.
        # No forwarded header is trusted unless FORWARDED_ALLOW_IPS names the proxy (README, Production).
        # No control socket: nothing uses it, and on a read-only root it cannot be made ($HOME is not writable).
        exec "$PYTHON" -m gunicorn companion.asgi:application -k uvicorn_worker.UvicornWorker \
            --bind "0.0.0.0:${PORT:-8000}" --workers "${WORKERS:-3}" \
            --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-}" --no-control-socket
        ;;
    check)
        "$PYTHON" manage.py check --deploy --fail-level WARNING
        # migrate --check fails in silence when a migration is pending; any other error (the database unreadable)
        # it prints, and that is shown as it is.
        if ! errors=$("$PYTHON" manage.py migrate --check 2>&1 >/dev/null); then
            if [ -n "$errors" ]; then
                printf '%s\n' "$errors" >&2
            else
                echo "Migrations are pending: run \`deploy/entrypoint.sh prepare\` (manage.py showmigrations lists them)." >&2
            fi
            exit 1
        fi
        ;;
    probe)
        [ $# -eq 2 ] || { usage; exit 2; }
        # The first ALLOWED_HOSTS entry as the Host (a leading "." or a bare "*" allowed), no curl needed.
        "$PYTHON" - "$2" <<'PY'
import os, sys, urllib.request
host = os.environ.get("ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".").replace("*", "") or "localhost"
url = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}{sys.argv[1]}"
request = urllib.request.Request(url, headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=5) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as error:
    print(f"{sys.argv[1]}: {error}", file=sys.stderr)
    sys.exit(1)
PY
        ;;
    manage)
        shift
        exec "$PYTHON" manage.py "$@"
        ;;
    *)
        usage
        exit 2
        ;;
esac
