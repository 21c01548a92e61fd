"""Phone-size screenshots (390x844, light and dark) of a running site, for a person to look at.

    python scripts/screenshots.py [BASE_URL] [PATH ...]

Writes PNGs to test-artifacts/screenshots/. Uses Debian's Chromium.
"""

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE  # noqa: E402

DEFAULT_PATHS = [
    "/",
    "/library/",
    "/library/vaginismus/",
    "/what-to-do/",
    "/where-does-it-hurt/",
    "/appointment/",
    "/privacy/",
]


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    paths = sys.argv[2:] or DEFAULT_PATHS
    out = Path("test-artifacts/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    full = os.environ.get("FULL_PAGE", "1") == "1"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ["light", "dark"]:
            context = browser.new_context(viewport=PHONE, color_scheme=scheme)
            page = context.new_page()
            for path in paths:
                page.goto(base + path)
                name = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"
                page.screenshot(path=out / f"{name}-{scheme}.png", full_page=full)
                print(out / f"{name}-{scheme}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
