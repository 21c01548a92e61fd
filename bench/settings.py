"""Production settings plus the benchmark's floor view. Never used in production."""

from companion.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
