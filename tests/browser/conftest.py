"""Two phones in one machine: Playwright driving Debian's Chromium at 390x844.

Never a downloaded browser. In CI a missing Chromium fails the run; on a
developer machine without it these tests are skipped with the reason.
"""

import os
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop in this thread

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
PHONE = {"width": 390, "height": 844}
BROWSER_PASSPHRASE = "a quiet walk by the river"  # the PASSPHRASE every browser test signs in with
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

BROWSER_TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    """Every test in this folder drives Chromium, so each carries the `browser` mark, whatever its module says:
    `-m "not browser"` then leaves out every one of them."""
    for item in items:
        if BROWSER_TESTS in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Debian's Chromium is not at {CHROMIUM}; `make test` installs it."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Waits use Playwright's expect(), never wait_for_function("..."): a string
# predicate is eval'd in the page, which our CSP (rightly) refuses.


class Phone:
    """One browser context at phone size that records every request and console error."""

    def __init__(self, browser, base_url, *, color_scheme="light", javascript=True, time_zone="Europe/London"):
        self.base_url = base_url
        self.context = browser.new_context(
            viewport=PHONE,
            color_scheme=color_scheme,
            java_script_enabled=javascript,
            device_scale_factor=1,
            timezone_id=time_zone,  # the site's own zone unless a test says otherwise
        )
        self.requests = []
        self.console_errors = []
        self.failed_responses = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.on("response", lambda r: r.status >= 400 and self.failed_responses.append((r.status, r.url)))
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(str(error)))

    def _on_console(self, message):
        # Failed loads are tracked, with their URL, in failed_responses.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.console_errors.append(message.text)

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        return response

    def third_party_requests(self):
        ours = urlsplit(self.base_url).netloc
        return [
            url for url in self.requests if urlsplit(url).scheme in {"http", "https"} and urlsplit(url).netloc != ours
        ]

    def close(self):
        self.context.close()


@pytest.fixture
def shipped_content(transactional_db):
    """Transactional tests empty the database afterwards; load the content the way a deploy does."""
    from django.core.management import call_command

    call_command("load_content", verbosity=0)


@pytest.fixture
def followers_answered():
    """After a test, requests still waiting for a together change answer at once (before the database is emptied)."""
    from partners import follow

    follow.start_waiting()
    yield
    follow.stop_waiting()
    for _ in range(50):
        if not follow._waiting and follow._watcher is None:
            break
        time.sleep(0.1)


@pytest.fixture
def phone_factory(browser, live_server, shipped_content, followers_answered):
    phones = []

    def make(**kwargs):
        phone = Phone(browser, live_server.url, **kwargs)
        phones.append(phone)
        return phone

    yield make
    for phone in phones:
        phone.close()


@pytest.fixture
def phone(phone_factory):
    return phone_factory()


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def reads_tree(test):
    """Marks a test that reads the accessibility tree or focus, not only axe (pyproject registers no extra mark)."""
    test.reads_tree = True
    return test


def assert_accessible(axe, page):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def sign_in(phone, username, passphrase):
    phone.goto("/account/sign-in/")
    phone.page.get_by_label("Username").fill(username)
    phone.page.get_by_label("Passphrase").fill(passphrase)
    phone.page.get_by_role("button", name="Sign in").click()
    phone.page.wait_for_url("**/account/")
    return phone


@pytest.fixture
def couple(django_user_model):
    """Two paired people, ana (with the pain) and ben, each with the shared test passphrase."""
    from partners.models import Pair

    ana = django_user_model.objects.create_user("ana", password=BROWSER_PASSPHRASE)
    ben = django_user_model.objects.create_user("ben", password=BROWSER_PASSPHRASE)
    Pair.of(ana, ben)
    return ana, ben
