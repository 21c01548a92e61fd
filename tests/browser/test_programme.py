"""The programme on phones: every page accessible, light and dark; the stage gate on two phones, with and without JavaScript."""

import datetime

import pytest

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSPHRASE = "a quiet walk by the river"
PAGES = [
    "/programme/",
    "/programme/touch-without-a-goal/",
    "/programme/touch-without-a-goal/hands-arms-and-face/",
    "/programme/steps-toward-penetration/",
    "/programme/solo/",
    "/programme/solo/relaxation/",
    "/programme/solo/insertion-steps/",
]


def signed_in(phone, username):
    return sign_in(phone, username, PASSPHRASE)


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_programme_pages_are_accessible(phone_factory, axe, color_scheme, couple):
    phone = phone_factory(color_scheme=color_scheme)
    for as_ana in (False, True):
        if as_ana:
            signed_in(phone, "ana")
        for path in PAGES:
            assert phone.goto(path).status == 200, path
            assert_accessible(axe, phone.page)
            assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390, path
    phone.goto("/programme/touch-without-a-goal/hands-arms-and-face/")
    phone.page.get_by_role("button", name="Start this together").click()
    phone.page.wait_for_url("**/programme/now/")
    assert_accessible(axe, phone.page)
    phone.page.get_by_role("button", name="Pause").click()
    phone.page.get_by_role("button", name="Carry on").wait_for()
    assert_accessible(axe, phone.page)
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.third_party_requests() == []
    assert phone.console_errors == []


@pytest.mark.parametrize("javascript", [True, False])
def test_a_couple_moves_on_only_when_both_say_ready(phone_factory, couple, javascript):
    ana, ben = phone_factory(javascript=javascript), phone_factory(javascript=javascript, color_scheme="dark")
    signed_in(ana, "ana"), signed_in(ben, "ben")
    for phone in (ana, ben):
        phone.goto("/programme/")
        assert phone.page.get_by_role("heading", name="Where you are: stage 1").is_visible()
    ana.page.get_by_role("button", name="I’m ready for the next stage").click()
    ana.page.get_by_text("Saved, privately.").wait_for()
    ben.goto("/programme/")
    assert ben.page.get_by_role("heading", name="Where you are: stage 1").is_visible()
    assert "said you are ready" not in ben.page.content()  # nothing tells him she is waiting
    ben.page.get_by_role("button", name="I’m ready for the next stage").click()
    ben.page.get_by_text("You both said you are ready").wait_for()
    ana.goto("/programme/")
    assert ana.page.get_by_role("heading", name="Where you are: stage 2").is_visible()
    ben.page.get_by_role("button", name="Go back a stage").click()  # one is enough to go back
    ben.page.get_by_text("You have gone back a stage").wait_for()
    ana.goto("/programme/")
    assert ana.page.get_by_role("heading", name="Where you are: stage 1").is_visible()


def test_how_it_felt_is_recorded_on_a_phone_without_javascript(phone_factory, couple):
    ana = phone_factory(javascript=False)
    signed_in(ana, "ana")
    ana.goto("/programme/touch-without-a-goal/hands-arms-and-face/")
    ana.page.get_by_role("group", name="How comfortable did you feel?").get_by_label("7", exact=True).check()
    ana.page.get_by_role("group", name="How much did you enjoy it?").get_by_label("8", exact=True).check()
    ana.page.get_by_role("group", name="Any pain?").get_by_label("0", exact=True).check()
    ana.page.get_by_label("A note for yourself (optional)").fill("Warm hands helped.")
    ana.page.get_by_role("button", name="Save, just for me").click()
    ana.page.get_by_text("Saved. Only you can see this.").wait_for()
    assert ana.page.get_by_text("Warm hands helped.").is_visible()


def clock_seconds(phone):
    text = phone.page.locator("[data-countdown]").inner_text()  # "(m:ss)"
    minutes, seconds = text.strip("()").split(":")
    return int(minutes) * 60 + int(seconds)


def test_both_phones_count_down_in_step(phone_factory, couple):
    ana, ben = phone_factory(), phone_factory(color_scheme="dark")
    signed_in(ana, "ana"), signed_in(ben, "ben")
    ana.goto("/programme/touch-without-a-goal/hands-arms-and-face/")
    ana.page.get_by_role("button", name="Start this together").click()
    ana.page.wait_for_url("**/programme/now/")
    ben.goto("/programme/now/")
    ana.page.wait_for_timeout(2300)
    gaps = []
    for _ in range(3):
        gaps.append(abs(clock_seconds(ana) - clock_seconds(ben)))
        ana.page.wait_for_timeout(1000)
    print(f"clock gap between the two phones, seconds: {gaps}")
    assert max(gaps) <= 1
    ben.page.get_by_role("button", name="Pause").click()  # one phone pauses: the other follows at once
    ana.page.get_by_text("Paused. Take all the time you need.").wait_for(timeout=8000)
    ana.page.get_by_role("button", name="Carry on").click()
    ben.page.get_by_role("button", name="Pause").wait_for(timeout=8000)
    ana.page.get_by_role("button", name="Next part").click()
    ben.page.get_by_role("heading", name="First turn").wait_for(timeout=8000)
    assert ben.page.get_by_text("gives,").is_visible()


def test_a_session_together_works_without_javascript(phone_factory, couple):
    ana, ben = phone_factory(javascript=False), phone_factory(javascript=False)
    signed_in(ana, "ana"), signed_in(ben, "ben")
    ana.goto("/programme/touch-without-a-goal/hands-arms-and-face/")
    ana.page.get_by_role("button", name="Start this together").click()
    ana.page.wait_for_url("**/programme/now/")
    assert ana.page.get_by_text("About 3 minutes left in this part").is_visible()
    ben.goto("/programme/now/")
    ben.page.get_by_role("button", name="Next part").click()
    ana.goto("/programme/now/")
    assert ana.page.get_by_role("heading", name="First turn").is_visible()
    ana.page.get_by_role("button", name="Stop for today").click()
    ben.goto("/programme/now/")
    assert ben.page.get_by_role("heading", name="Stopped for today").is_visible()
    assert ben.page.get_by_text("ana stopped for today. Stopping is always fine.").is_visible()


def test_the_breathing_exercise_is_guided_part_by_part(phone_factory):
    phone = phone_factory()
    start = datetime.datetime(2026, 12, 2, 20, 0, tzinfo=datetime.UTC)
    phone.page.clock.install(time=start)
    phone.goto("/programme/solo/relaxation/")
    # Time stands still unless the test moves it, however slow the machine is (installed clocks keep flowing otherwise).
    phone.page.clock.pause_at(start + datetime.timedelta(hours=1))
    phone.page.get_by_role("button", name="Start the timer").click()
    status = phone.page.locator("[data-guided-status]")
    assert status.inner_text() == "Settling · 2:00 left"
    phone.page.clock.run_for(61_000)
    assert status.inner_text() == "Settling · 0:59 left"
    phone.page.clock.run_for(59_000)
    assert status.inner_text() == "Belly breathing · 3:00 left"  # the next part starts by itself
    phone.page.get_by_role("button", name="Pause").click()
    phone.page.clock.run_for(30_000)
    assert status.inner_text() == "Belly breathing · 3:00 left"  # paused: time stands still
    phone.page.get_by_role("button", name="Carry on").click()
    phone.page.clock.run_for(20 * 60_000)
    assert status.inner_text() == "Finished. Get up slowly when you are ready."


def test_without_javascript_each_part_shows_its_time(phone_factory):
    phone = phone_factory(javascript=False)
    phone.goto("/programme/solo/relaxation/")
    assert phone.page.get_by_role("heading", name="Settling · 2 minutes").is_visible()
    assert not phone.page.get_by_role("button", name="Start the timer").is_visible()


def test_a_practice_is_logged_privately_and_one_line_shared_on_purpose(phone_factory, couple, axe):
    ana, ben = phone_factory(), phone_factory(color_scheme="dark")
    signed_in(ana, "ana"), signed_in(ben, "ben")
    ana.goto("/programme/solo/insertion-steps/")
    ana.page.get_by_label("About how many minutes").fill("5")
    ana.page.get_by_role("group", name="Any pain?").get_by_label("2", exact=True).check()
    ana.page.get_by_label("A note for yourself (optional)").fill("Only for me.")
    ana.page.get_by_role("button", name="Save, just for me").click()
    ana.page.get_by_text("Saved. Only you can see this").wait_for()
    assert_accessible(axe, ana.page)
    ben.goto("/programme/")
    assert "Your own fingertip" not in ben.page.content()
    ana.page.get_by_role("button", name="Show my partner this line").click()
    ana.page.get_by_text("Your partner can now see that line").wait_for()
    ben.goto("/programme/")
    assert ben.page.get_by_text("Your own fingertip, about 5 minutes, pain 2").is_visible()
    assert "Only for me." not in ben.page.content()
    assert_accessible(axe, ben.page)


def test_the_breathing_timer_says_only_part_changes_and_finished(phone_factory):
    """Accessibility test: reads the live region. The ticking clock is aria-hidden and in no live region; the
    polite region takes only "Now: <part>, <n> minutes" and "Finished"."""
    phone = phone_factory()
    start = datetime.datetime(2026, 12, 2, 20, 0, tzinfo=datetime.UTC)
    phone.page.clock.install(time=start)
    phone.goto("/programme/solo/relaxation/")
    phone.page.clock.pause_at(start + datetime.timedelta(hours=1))
    phone.page.get_by_role("button", name="Start the timer").click()
    status, news = phone.page.locator("[data-guided-status]"), phone.page.locator("[data-guided-news]")
    assert status.get_attribute("aria-hidden") == "true" and status.get_attribute("role") is None
    assert status.get_attribute("aria-live") is None
    assert news.get_attribute("role") == "status" and news.inner_text() == "Now: Settling, 2 minutes"
    phone.page.clock.run_for(61_000)
    assert news.inner_text() == "Now: Settling, 2 minutes"  # a second ticking by says nothing
    phone.page.clock.run_for(59_000)
    assert news.inner_text() == "Now: Belly breathing, 3 minutes"
    phone.page.clock.run_for(30 * 60_000)
    assert news.inner_text() == "Finished. Get up slowly when you are ready."
