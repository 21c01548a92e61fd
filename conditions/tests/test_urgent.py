"""The one list of warning signs: the NHS's three levels, where each sign goes, and the same list on every page."""

import itertools
import random
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from conditions.guide import DERIVED_SIGNS, WhereDoesItHurtForm
from conditions.urgent import BY_KEY, WARNING_SIGNS, Level, Place, Situation, advice_for, places_for

pytestmark = pytest.mark.django_db

E, U, S = Level.EMERGENCY, Level.URGENT, Level.SOON
EMERGENCY = [sign.key for sign in WARNING_SIGNS if sign.level == E]
URGENT = [sign.key for sign in WARNING_SIGNS if sign.level == U]
SOON = [sign.key for sign in WARNING_SIGNS if sign.level == S]
HEADINGS = {E: "Emergency: get help now", U: "Urgent: get help today", S: "Soon: book an appointment within a few days"}


def test_the_levels_hold_what_the_nhs_puts_in_each():
    # 999 or A&E: the NHS PID, ectopic, kidney infection and sepsis pages' emergency lists.
    assert {
        "fever_shivering",
        "sudden_severe_pain",
        "heavy_bleeding",
        "faint_dizzy",
        "feeling_sick",
        "confused_drowsy",
        "sepsis_skin",
        "sepsis_breathing",
    } <= set(EMERGENCY)
    # An urgent GP appointment or 111, today: PID, possible ectopic, kidney infection, pregnancy and after a birth.
    assert {
        "might_be_pregnant",
        "infection_signs",
        "pain_not_going_away",
        "pee_pain_fever",
        "not_better_on_antibiotics",
        "bleeding_in_pregnancy",
        "wound_problem",
        "unwell_after_pregnancy",
    } <= set(URGENT)
    # Book soon: a GP, a sexual health clinic or a pharmacist.
    assert {
        "bleeding_after_sex",
        "bleeding_between_periods",
        "bleeding_after_menopause",
        "unusual_discharge",
        "itching_soreness",
        "sores_lumps",
        "bloating_peeing",
        "weight_loss",
        "new_bowel_problems",
    } <= set(SOON)
    assert "blood_in_pee" in URGENT  # NHS, Blood in urine: an urgent GP appointment or 111, even the first time


def test_every_sign_is_recorded_with_its_level_and_source_in_the_docs():
    notes = (Path(settings.BASE_DIR) / "docs" / "urgent-signs.md").read_text()
    rows = {
        m["key"]: m
        for m in re.finditer(
            r"^\| `(?P<key>\w+)` \|[^|]*\| (?P<level>\w+) \|[^|]*\| (?P<sources>[^|]*S\d+[^|]*) \|", notes, re.M
        )
    }
    for sign in WARNING_SIGNS:
        assert sign.key in rows, f"{sign.key} has no row in docs/urgent-signs.md"
        assert rows[sign.key]["level"].upper() == sign.level.name, sign.key


@pytest.mark.parametrize(
    "keys",
    [c for n in (1, 2, 3) for c in itertools.combinations([EMERGENCY[0], URGENT[0], URGENT[3], SOON[0], SOON[5]], n)],
)
def test_the_most_urgent_level_comes_first_and_every_sign_is_listed_once(keys):
    advice = advice_for(keys)
    assert advice.level == max(BY_KEY[k].level for k in keys)
    assert [part.level for part in advice.levels] == sorted({BY_KEY[k].level for k in keys}, reverse=True)
    assert sorted(sign.key for sign in advice.signs) == sorted(keys)


def test_no_signs_no_advice_and_unknown_keys_are_ignored():
    assert advice_for([]) is None
    assert advice_for(["<script>", "fever"]) is None


@pytest.mark.parametrize(
    "signs, situations, expected",
    [
        (["itching_soreness"], set(), [Place.GP, Place.SEXUAL_HEALTH, Place.PHARMACIST]),
        # A pharmacist is not the first stop in pregnancy, for young people, from 50, or for thrush that keeps coming back.
        (["itching_soreness"], {Situation.PREGNANT}, [Place.MATERNITY, Place.GP, Place.SEXUAL_HEALTH]),
        (["unusual_discharge"], {Situation.UNDER_18}, [Place.GP, Place.SEXUAL_HEALTH]),
        (["unusual_discharge"], {Situation.AGE_50_OR_OVER}, [Place.GP, Place.SEXUAL_HEALTH]),
        (["itching_soreness"], {Situation.INFECTIONS_COME_BACK}, [Place.GP, Place.SEXUAL_HEALTH]),
        # Pregnancy and the weeks after a birth, miscarriage or termination always add maternity care, first.
        (["pee_pain_fever"], {Situation.AFTER_BIRTH}, [Place.MATERNITY, Place.GP]),
        (["bleeding_after_sex"], {Situation.PREGNANT}, [Place.MATERNITY, Place.GP, Place.SEXUAL_HEALTH]),
        (["bleeding_in_pregnancy"], set(), [Place.MATERNITY, Place.GP]),
        # Surgery or cancer treatment adds the person's own team.
        (["wound_problem"], {Situation.AFTER_SURGERY}, [Place.MATERNITY, Place.OWN_TEAM, Place.GP]),
        (["blood_in_pee"], {Situation.CANCER_TREATMENT}, [Place.OWN_TEAM, Place.GP]),
        # An emergency is 999 whatever else is true.
        (["heavy_bleeding"], {Situation.PREGNANT, Situation.AFTER_SURGERY}, [Place.EMERGENCY]),
    ],
)
def test_each_sign_goes_to_the_right_place(signs, situations, expected):
    assert places_for([BY_KEY[key] for key in signs], frozenset(situations)) == expected


def guide(client, **answers):
    """The guide's whole result, as the person reads it, for these answers."""
    response = client.post("/where-does-it-hurt/", {"where": "unsure", "started": "unsure", **answers})
    assert response.status_code == 200
    return response.content.decode().split('id="result-heading"', 1)[1].split("Make an appointment sheet", 1)[0]


def told_us(result):
    """The signs listed under "You told us about", in every level."""
    return [
        li
        for block in re.findall(r"<p>You told us about:</p>\s*<ul>(.*?)</ul>", result, re.S)
        for li in re.findall(r"<li>(.*?)</li>", block)
    ]


def also_check(result):
    return [
        li
        for block in re.findall(r"<p>From your other answers, please also check:</p>\s*<ul>(.*?)</ul>", result, re.S)
        for li in re.findall(r"<li>(.*?)</li>", block)
    ]


def label(key):
    return BY_KEY[key].label.replace("&", "&amp;")


@pytest.mark.parametrize("sign", WARNING_SIGNS, ids=lambda sign: sign.key)
def test_each_sign_alone_gets_its_level_and_only_itself(client, sign):
    result = guide(client, urgent=[sign.key])
    first = min((result.find(heading), level) for level, heading in HEADINGS.items() if heading in result)
    assert first[1] == sign.level
    assert told_us(result) == [label(sign.key)]
    assert also_check(result) == []
    if sign.level == E:
        assert 'Call <a href="tel:999">999</a>' in result
    elif sign.level == U:
        assert "urgent appointment today" in result and 'call <a href="tel:111">111</a>' in result
    else:
        assert "within the next few days" in result and "111" not in result.split("These need checking")[0]


# The review's patterns and others like them: (answers, the most urgent level, signs derived from other answers,
# words the result must say, words it must not say).
CASES = {
    "possible ectopic: could be pregnant, deep pain": (
        {"pregnant": "maybe", "where": "deep"},
        U,
        {"might_be_pregnant"},
        ["Call your midwife or maternity unit now", "urgent appointment today"],
        [],
    ),
    "ectopic with shoulder-tip pain is an emergency": (
        {"pregnant": "maybe", "urgent": ["might_be_pregnant", "shoulder_tip_pain"]},
        E,
        set(),
        ["999"],
        [],
    ),
    "PID after a coil": (
        {"recent": ["coil"], "where": "deep", "urgent": ["unusual_discharge"]},
        U,
        {"coil_pain"},
        ["urgent appointment today", "Get tested for infections first"],
        [],
    ),
    "PID signs ticked": ({"urgent": ["infection_signs"]}, U, set(), ["A sexual health clinic can also help"], []),
    "kidney infection": ({"urgent": ["pee_pain_fever"]}, U, set(), ["urgent appointment today"], []),
    "kidney infection with confusion": ({"urgent": ["pee_pain_fever", "confused_drowsy"]}, E, set(), ["999"], []),
    "bleeding in pregnancy is never book soon": (
        {"pregnant": "yes", "urgent": ["bleeding_after_sex"]},
        U,
        {"bleeding_in_pregnancy"},
        ["Call your midwife or maternity unit now"],
        ["a pharmacist can help"],
    ),
    "heavy bleeding in pregnancy": ({"pregnant": "yes", "urgent": ["heavy_bleeding"]}, E, set(), ["999"], []),
    "a postnatal wound": (
        {"recent": ["birth"], "urgent": ["wound_problem"]},
        U,
        set(),
        ["Call your midwife or maternity unit now"],
        [],
    ),
    "smelly discharge three weeks after a birth": (
        {"recent": ["birth"], "urgent": ["unusual_discharge"]},
        U,
        {"unwell_after_pregnancy"},
        ["Call your midwife or maternity unit now"],
        ["a pharmacist can help"],
    ),
    "a wound after surgery goes to the surgical team": (
        {"recent": ["surgery"], "urgent": ["wound_problem"]},
        U,
        set(),
        ["Call your own surgical or cancer team today"],
        [],
    ),
    "thrush": (
        {"urgent": ["itching_soreness"], "where": "entrance"},
        S,
        set(),
        ["a pharmacist can help first"],
        ["111"],
    ),
    "thrush that keeps coming back": (
        {"urgent": ["itching_soreness"], "context": ["infections"]},
        S,
        set(),
        ["Book an appointment with a GP"],
        ["a pharmacist can help"],
    ),
    "bladder frequency alone is no warning sign": ({"context": ["bladder"]}, None, set(), [], ["On most days"]),
    "perimenopause with lifelong pain is not new pain after menopause": (
        {"context": ["perimenopause"], "started": "always", "where": "deep"},
        None,
        set(),
        [],
        ["after menopause"],
    ),
    "new deep pain after periods stopped for good": (
        {"context": ["menopause"], "started": "later", "where": "deep"},
        S,
        {"new_deep_pain_after_menopause"},
        ["your periods have stopped for good"],
        [],
    ),
    "spotting after sex after menopause": (
        {"context": ["menopause"], "urgent": ["bleeding_after_sex"]},
        S,
        {"bleeding_after_menopause"},
        ["Do not wait to see if it happens again"],
        [],
    ),
    "menopause with pain from the first time is not new pain": (
        {"context": ["menopause"], "started": "always", "where": "deep"},
        None,
        set(),
        [],
        [],
    ),
    "contradictory answers err toward sooner": (
        {
            "pregnant": "yes",
            "context": ["menopause"],
            "age": "under_18",
            "urgent": ["bleeding_after_sex"],
            "where": "deep",
        },
        U,
        {"bleeding_in_pregnancy", "might_be_pregnant", "bleeding_after_menopause"},
        ["Call your midwife"],
        ["a pharmacist can help"],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_answer_patterns_get_the_right_level_place_and_claims(client, case):
    answers, level, derived, says, never = CASES[case]
    result = guide(client, **answers)
    form = WhereDoesItHurtForm({"where": "unsure", "started": "unsure", **answers})
    assert form.is_valid()
    advice = form.urgent_advice()
    assert (advice.level if advice else None) == level
    assert {d.sign.key for part in (advice.levels if advice else []) for d in part.derived} == derived
    assert told_us(result) == [
        label(key) for key in sorted(answers.get("urgent", []), key=lambda k: (-BY_KEY[k].level, list(BY_KEY).index(k)))
    ]
    for words in says:
        assert words in result, words
    for words in never:
        assert words not in result, words


def test_a_derived_sign_says_which_answers_led_to_it_and_is_never_told_back_as_ticked(client):
    result = guide(client, pregnant="maybe", where="deep")
    assert told_us(result) == []
    assert also_check(result) == [
        f'{label("might_be_pregnant")}. <span class="because">We show this because you are pregnant or could be, and you feel pain deep inside.</span>'
    ]


def test_random_answers_never_claim_a_sign_that_was_not_ticked():
    rng = random.Random(18)
    form_fields = WhereDoesItHurtForm().fields
    for _ in range(400):
        data = {
            "where": rng.choice(["entrance", "deep", "both", "unsure"]),
            "started": rng.choice(["always", "later", "unsure"]),
        }
        for name in ("feels", "happens", "context", "recent", "body", "urgent"):
            values = (
                [value for value, _ in form_fields[name].widget.choices if isinstance(value, str)]
                if name != "urgent"
                else list(BY_KEY)
            )
            data[name] = rng.sample(values, rng.randint(0, 3))
        for name in ("pregnant", "age", "unwanted"):
            data[name] = rng.choice(["", *[value for value, _ in form_fields[name].choices]])
        form = WhereDoesItHurtForm(data)
        assert form.is_valid(), form.errors
        advice = form.urgent_advice()
        ticked = {sign.key for part in (advice.levels if advice else []) for sign in part.ticked}
        derived = {d.sign.key for part in (advice.levels if advice else []) for d in part.derived}
        assert ticked == set(data["urgent"])
        assert not derived & set(data["urgent"])
        assert derived <= set(DERIVED_SIGNS)
        if {"pregnant:yes", "pregnant:maybe"} & set(form.answer_keys()) and advice:
            assert all(Place.MATERNITY in part.places for part in advice.levels if part.level != E)
        if (
            advice
            and {"bleeding_after_sex", "bleeding_between_periods"} & ticked
            and data["pregnant"] in ("yes", "maybe")
        ):
            assert advice.level >= U  # bleeding in pregnancy is never "book soon"


SLOW_WORDS = re.compile(r"today or tomorrow|a day or two|next day|in a day|within 48 hours", re.I)


def test_no_template_or_content_file_puts_off_help_by_a_day():
    roots = [
        Path(settings.BASE_DIR) / folder
        for folder in ("templates", "conditions/content", "programme/content", "conversations/content")
    ]
    for path in (p for root in roots for p in root.rglob("*") if p.suffix in {".html", ".md"}):
        assert not SLOW_WORDS.search(path.read_text()), path


def test_no_rendered_page_with_urgent_advice_says_tomorrow(client):
    every_sign = {
        "where": "both",
        "started": "later",
        "urgent": list(BY_KEY),
        "pregnant": "maybe",
        "recent": ["birth", "surgery"],
    }
    pages = [
        client.get(path).content.decode()
        for path in ("/what-to-do/", "/library/vaginismus/", "/appointment/", "/support/")
    ]
    pages += [
        client.post("/where-does-it-hurt/", every_sign).content.decode(),
        client.post("/appointment/", every_sign).content.decode(),
    ]
    for page in pages:
        assert "Urgent: get help today" in page or "/support/" in page
        assert not SLOW_WORDS.search(page)


@override_settings(HELP_NUMBERS={"emergency": "112", "urgent_advice": "116 117"})
def test_the_numbers_are_one_setting(client):
    content = client.get("/what-to-do/").content.decode()
    box = content.split('id="warning-signs"', 1)[1].split("</section>", 1)[0]
    assert 'Call <a href="tel:112">112</a>' in box and 'call <a href="tel:116117">116 117</a>' in box
    assert "999" not in box and "111" not in box


@pytest.mark.parametrize("path", ["/what-to-do/", "/library/vaginismus/", "/library/endometriosis/", "/appointment/"])
def test_every_page_with_urgent_advice_shows_the_same_list_in_three_levels(client, path):
    content = client.get(path).content.decode()
    box = content.split('id="warning-signs"', 1)[1].split("</section>", 1)[0]
    assert [box.index(HEADINGS[level]) for level in (E, U, S)] == sorted(
        box.index(HEADINGS[level]) for level in (E, U, S)
    )
    for sign in WARNING_SIGNS:
        assert label(sign.key) in box, sign.key
    assert "Call your midwife or maternity unit now" in box and "early pregnancy unit today" in box
    assert "a pharmacist can help first" in box
