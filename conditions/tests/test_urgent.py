"""The one list of warning signs: tiers, the highest tier first, and the same list on every page."""

import itertools

import pytest
from django.test import override_settings

from conditions.guide import WhereDoesItHurtForm
from conditions.urgent import BY_KEY, WARNING_SIGNS, Tier, advice_for

pytestmark = pytest.mark.django_db

EMERGENCY = [sign.key for sign in WARNING_SIGNS if sign.tier == Tier.EMERGENCY]
SOON = [sign.key for sign in WARNING_SIGNS if sign.tier == Tier.SOON]


def test_the_tiers_hold_what_nhs_guidance_treats_as_an_emergency():
    # Emergency now: fever or shivers, sudden severe pain, heavy bleeding, fainting, being sick (NHS, PID page).
    assert {"fever_shivering", "sudden_severe_pain", "heavy_bleeding", "faint_dizzy", "feeling_sick"} <= set(EMERGENCY)
    assert {"might_be_pregnant", "bleeding_after_sex", "bleeding_after_menopause", "bleeding_between_periods",
            "sores_lumps", "unusual_discharge", "bloating_peeing", "new_deep_pain_after_menopause"} <= set(SOON)


@pytest.mark.parametrize("keys", [c for n in (1, 2) for c in itertools.combinations(EMERGENCY[:3] + SOON[:3], n)])
def test_the_highest_tier_wins_and_every_sign_is_listed(keys):
    advice = advice_for(keys)
    expected = Tier.EMERGENCY if any(BY_KEY[k].tier == Tier.EMERGENCY for k in keys) else Tier.SOON
    assert advice.tier == expected
    assert {sign.key for sign in advice.signs} == set(keys)
    assert [sign.tier for sign in advice.signs] == sorted((sign.tier for sign in advice.signs), reverse=True)


def test_no_signs_no_advice_and_unknown_keys_are_ignored():
    assert advice_for([]) is None
    assert advice_for(["<script>", "fever"]) is None


def guide_advice(**answers):
    form = WhereDoesItHurtForm({"where": "unsure", "started": "unsure", **answers})
    assert form.is_valid(), form.errors
    return form.urgent_advice()


@pytest.mark.parametrize(
    "answers, tier, sign",
    [
        ({"where": "deep", "context": ["menopause"]}, Tier.SOON, "new_deep_pain_after_menopause"),
        ({"where": "both", "context": ["menopause"]}, Tier.SOON, "new_deep_pain_after_menopause"),
        ({"context": ["bladder"]}, Tier.SOON, "bloating_peeing"),
        ({"context": ["bladder"], "urgent": ["faint_dizzy"]}, Tier.EMERGENCY, "bloating_peeing"),
    ],
)
def test_some_answers_are_warning_signs_in_themselves(answers, tier, sign):
    advice = guide_advice(**answers)
    assert advice.tier == tier
    assert sign in {s.key for s in advice.signs}


@pytest.mark.parametrize("answers", [{"where": "entrance", "context": ["menopause"]}, {"where": "deep"}, {"context": ["back"]}])
def test_other_answers_raise_no_alarm(answers):
    assert guide_advice(**answers) is None


def test_emergency_advice_is_shown_above_everything_else(client):
    content = client.post("/where-does-it-hurt/", {"where": "deep", "started": "later", "urgent": ["bleeding_after_sex", "fever_shivering"]}).content.decode()
    result = content.split('id="result-heading"', 1)[1]
    assert result.index("Get help now") < result.index("From your answers, these pages")
    assert 'Call <a href="tel:999">999</a> (or your local emergency number), or go to A&amp;E' in result
    assert "Bleeding after sex" in result and "feeling hot, cold or shivery" in result


def test_soon_advice_names_the_gp_and_the_advice_line(client):
    content = client.post("/where-does-it-hurt/", {"where": "entrance", "started": "always", "urgent": ["sores_lumps"]}).content.decode()
    assert "Please see a doctor today or tomorrow" in content
    assert 'call <a href="tel:111">111</a> or your local urgent advice line' in content
    assert "Get help now" not in content


@override_settings(HELP_NUMBERS={"emergency": "112", "urgent_advice": "116 117"})
def test_the_numbers_are_one_setting(client):
    content = client.get("/what-to-do/").content.decode()
    assert "Call 112 or go to A&amp;E now" in content and "call 116 117" in content
    assert "999" not in content.split("warning-signs", 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("path", ["/what-to-do/", "/library/vaginismus/", "/library/endometriosis/", "/appointment/"])
def test_every_page_with_urgent_advice_shows_the_same_list(client, path):
    content = client.get(path).content.decode()
    for sign in WARNING_SIGNS:
        assert sign.label.replace("&", "&amp;") in content, sign.key
