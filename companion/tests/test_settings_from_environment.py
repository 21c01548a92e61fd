"""Settings read from the environment refuse values they do not understand."""

import subprocess
import sys

import pytest


def start_with(**env):
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'companion.settings'; django.setup()"
    base = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50}
    return subprocess.run([sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True)


@pytest.mark.parametrize("name, value", [("DEBUG", "ture"), ("BEHIND_PROXY", "maybe"), ("SESSION_IDLE_SECONDS", "12h")])
def test_a_typo_stops_the_start_with_a_clear_message(name, value):
    result = start_with(**{name: value})
    assert result.returncode != 0
    assert name in result.stderr and "ImproperlyConfigured" in result.stderr


@pytest.mark.parametrize("value", ["1", "true", "Yes", "off", "0", ""])
def test_the_usual_spellings_work(value):
    assert start_with(BEHIND_PROXY=value).returncode == 0
