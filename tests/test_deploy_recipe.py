"""The container recipe, checked without containers (none can run here).

The files are read as text and YAML: they parse, pin every image, run as a user that is not root, and hand
every step to deploy/entrypoint.sh. That script is then run for real, outside a container, on a fresh SQLite
file under production settings: prepare, check, serve and the health probe the image uses.
"""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import a_fresh_database

ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINT = ROOT / "deploy" / "entrypoint.sh"
DOCKERFILE = (ROOT / "Dockerfile").read_text()
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]

# name:tag or name:tag@sha256:digest, where the tag carries a version number (17.6, 3.13, 2.10.2...).
PINNED_IMAGE = re.compile(r"^[\w./-]+:\d+(\.\d+)+[\w.-]*(@sha256:[0-9a-f]{64})?$")


def dockerfile_instructions(name):
    """Each instruction's arguments, continuation lines joined, in order."""
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in text.splitlines() if line.split(None, 1)[:1] == [name]]


# --- compose.yaml ---


def test_compose_has_every_service_the_deploy_needs():
    assert {"db", "redis", "migrate", "app", "proxy", "retention"} <= set(SERVICES)


def test_every_compose_image_is_pinned_to_a_version():
    for name, service in SERVICES.items():
        image = service["image"]
        assert "latest" not in image, name
        if name in {"migrate", "app", "retention"}:
            assert service.get("build") == ".", f"{name} should run the image built from this Dockerfile"
        else:
            assert PINNED_IMAGE.match(image), f"{name}: {image} is not pinned to a version"


def test_app_and_migrate_run_the_entrypoint_subcommands():
    assert SERVICES["migrate"]["command"] == ["prepare"]
    assert SERVICES["app"]["command"] == ["serve"]
    assert SERVICES["migrate"]["restart"] == "no"
    assert SERVICES["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert SERVICES["app"]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


def test_long_running_services_restart_and_report_their_health():
    for name in ("db", "app", "proxy", "redis", "retention"):
        assert SERVICES[name]["restart"] == "unless-stopped", name
    assert "pg_isready" in " ".join(SERVICES["db"]["healthcheck"]["test"])
    assert SERVICES["app"]["healthcheck"]["test"] == ["CMD", "/app/deploy/entrypoint.sh", "probe", "/readyz"]
    assert SERVICES["proxy"]["depends_on"]["app"]["condition"] == "service_healthy"


def test_optional_services_stay_off_unless_asked_for():
    assert SERVICES["redis"]["profiles"] == ["redis"]
    assert SERVICES["retention"]["profiles"] == ["jobs"]
    command = " ".join(SERVICES["retention"]["command"])
    assert "forget_idle;" in command and "--days" not in command  # the setting the privacy page states


def test_required_settings_stop_compose_with_a_message():
    environment = SERVICES["app"]["environment"]
    for name in ("SECRET_KEY", "ALLOWED_HOSTS"):
        assert re.fullmatch(rf"\$\{{{name}:\?.+\}}", environment[name]), name
    assert "${POSTGRES_PASSWORD:?" in environment["DATABASE_URL"]


def test_the_app_trusts_forwarded_headers_from_the_proxy_alone():
    environment = SERVICES["app"]["environment"]
    assert environment["BEHIND_PROXY"] == "1"
    assert environment["FORWARDED_ALLOW_IPS"] == SERVICES["proxy"]["networks"]["edge"]["ipv4_address"]
    assert "ports" not in SERVICES["app"], "the app is reached through the proxy only"


def test_the_app_runs_on_a_read_only_root_and_data_lives_in_named_volumes():
    assert SERVICES["app"]["read_only"] is True and SERVICES["app"]["tmpfs"] == ["/tmp"]
    assert {"pgdata", "caddy_data", "caddy_config"} <= set(COMPOSE["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["db"]["volumes"]


def test_caddy_proxies_to_the_app_for_the_site_address_and_keeps_no_access_log():
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    assert "{$SITE_ADDRESS}" in caddyfile and "reverse_proxy app:8000" in caddyfile
    assert not re.search(r"^\s*log\b", caddyfile, re.MULTILINE)
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in SERVICES["proxy"]["volumes"]


def test_env_example_names_every_required_setting():
    example = (ROOT / "deploy" / "env.example").read_text()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_ADDRESS", "POSTGRES_PASSWORD"):
        assert re.search(rf"^{name}=", example, re.MULTILINE), name


# --- Dockerfile ---


def test_every_from_line_is_pinned():
    froms = dockerfile_instructions("FROM")
    assert len(froms) == 2, "a builder stage and a final stage"
    for line in froms:
        image = line.split()[0]
        assert PINNED_IMAGE.match(image) and "latest" not in image, image


def test_the_final_stage_installs_only_the_builders_wheels():
    final_stage = DOCKERFILE.split("\nFROM ")[-1]
    assert "build-essential" not in final_stage and "apt-get" not in final_stage
    assert "--no-index --find-links=/wheels" in final_stage


def test_the_image_runs_as_a_numeric_user_that_is_not_root():
    users = dockerfile_instructions("USER")
    assert users, "no USER instruction"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and uid != "0"
    assert DOCKERFILE.rindex("\nUSER ") < DOCKERFILE.index("\nCMD ")


def test_static_files_are_collected_at_build_time_with_a_dummy_key():
    runs = " ".join(dockerfile_instructions("RUN"))
    assert re.search(r"SECRET_KEY=\S+ python manage.py collectstatic --noinput", runs)


def test_the_image_hands_over_to_the_entrypoint_and_checks_its_health():
    assert dockerfile_instructions("ENTRYPOINT") == ['["/app/deploy/entrypoint.sh"]']
    assert dockerfile_instructions("CMD") == ['["serve"]']
    assert dockerfile_instructions("EXPOSE") == ["8000"]
    (healthcheck,) = dockerfile_instructions("HEALTHCHECK")
    assert '"probe", "/healthz"' in healthcheck


def test_dockerignore_keeps_local_state_and_secrets_out_of_the_image():
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert {".git", ".venv", ".env", "db.sqlite3*"} <= set(ignored)


# --- deploy/entrypoint.sh, run outside a container ---


def test_entrypoint_is_executable_and_parses():
    assert os.access(ENTRYPOINT, os.X_OK)
    subprocess.run(["bash", "-n", str(ENTRYPOINT)], check=True)


def test_an_unknown_subcommand_prints_usage_and_exits_2():
    result = subprocess.run([str(ENTRYPOINT), "nonsense"], capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def production_environment(database_url, **extra):
    """Production settings (DEBUG off) with nothing inherited from the test run's own settings."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "PYTHON": sys.executable,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "companion.example.org",
        "DATABASE_URL": database_url,
        **extra,
    }


@pytest.fixture(scope="module")
def prepared_database(tmp_path_factory):
    """A fresh database of the kind the tests run on (SQLite, or in CI's second run PostgreSQL), prepared."""
    with a_fresh_database(tmp_path_factory.mktemp("deploy")) as database_url:
        result = subprocess.run(
            [str(ENTRYPOINT), "prepare"],
            env=production_environment(database_url),
            cwd=tmp_path_factory.getbasetemp(),  # the script finds the project itself
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        yield database_url


def count_rows(database_url, *tables):
    counting = "; ".join(f"c.execute('SELECT count(*) FROM {table}'); print(c.fetchone()[0])" for table in tables)
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-v",
            "0",
            "-c",
            f"from django.db import connection\nwith connection.cursor() as c: {counting}",
        ],
        env=production_environment(database_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [int(line) for line in result.stdout.split()]


def test_prepare_migrates_and_loads_the_content(prepared_database):
    conditions, ideas, migrations = count_rows(
        prepared_database, "conditions_condition", "conversations_idea", "django_migrations"
    )
    assert conditions > 0 and ideas > 0 and migrations > 0


def test_check_passes_on_a_prepared_database(prepared_database):
    result = subprocess.run(
        [str(ENTRYPOINT), "check"],
        env=production_environment(prepared_database),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_manage_runs_any_command_such_as_the_health_check(prepared_database):
    result = subprocess.run(
        [str(ENTRYPOINT), "manage", "check_health"],
        env=production_environment(prepared_database),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ready", result.stderr


def test_check_fails_while_a_migration_is_pending(fresh_database_url):
    empty = fresh_database_url
    result = subprocess.run(
        [str(ENTRYPOINT), "check"],
        env=production_environment(empty),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Migrations are pending: run `deploy/entrypoint.sh prepare`" in result.stderr


def test_check_shows_the_error_when_the_migrations_cannot_be_read(tmp_path):
    """Not every failure of migrate --check is a pending migration: its own error is shown instead."""
    python = tmp_path / "python"
    python.write_text(
        "#!/bin/sh\n"
        'case "$*" in *"migrate --check"*) echo "OperationalError: unable to open database file" >&2; exit 1;; esac\n'
    )
    python.chmod(0o755)
    environment = {**production_environment("sqlite:///unused.sqlite3"), "PYTHON": str(python)}
    result = subprocess.run(
        [str(ENTRYPOINT), "check"], env=environment, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr == "OperationalError: unable to open database file\n"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_answers_the_probes_the_image_and_compose_use(prepared_database):
    # Plain HTTP here, as the other production-settings tests do; in compose the proxy terminates TLS.
    environment = production_environment(prepared_database, PORT=str(free_port()), WORKERS="1", INSECURE_HTTP="1")
    server = subprocess.Popen(
        [str(ENTRYPOINT), "serve"], env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:

        def probe(path):
            command = [str(ENTRYPOINT), "probe", path]
            return subprocess.run(command, env=environment, capture_output=True, check=False).returncode

        deadline = time.monotonic() + 20
        while probe("/healthz") != 0:
            assert server.poll() is None, "the server stopped"
            assert time.monotonic() < deadline, "no answer from /healthz"
            time.sleep(0.3)
        assert probe("/readyz") == 0
    finally:
        server.terminate()  # exec: the script's process is gunicorn itself, which stops its workers
        server.wait(timeout=30)


def test_probe_fails_when_nothing_answers(tmp_path):
    environment = production_environment(f"sqlite:///{tmp_path / 'unused.sqlite3'}", PORT=str(free_port()))
    result = subprocess.run(
        [str(ENTRYPOINT), "probe", "/healthz"], env=environment, capture_output=True, check=False, timeout=30
    )
    assert result.returncode == 1
