"""The answer-to-condition map, for every answer that matters."""

import pytest

from conditions.guide import (
    CONTEXT_CHOICES,
    FEELS_CHOICES,
    HAPPENS_CHOICES,
    SIGNS,
    STARTED_CHOICES,
    WHERE_CHOICES,
    WhereDoesItHurtForm,
    suggest,
)
from conditions.models import Condition

pytestmark = pytest.mark.django_db

SLUGS = {"vaginismus", "vulvodynia", "hormonal-changes", "endometriosis", "pelvic-floor-dysfunction"}


def answers(**overrides):
    data = {"where": "unsure", "started": "unsure"}
    data.update(overrides)
    form = WhereDoesItHurtForm(data)
    assert form.is_valid(), form.errors
    return suggest(form.answer_keys(), list(Condition.objects.all()))


def slugs(suggestions):
    return [s.condition.slug for s in suggestions]


def test_unsure_everywhere_suggests_nothing():
    assert answers() == []


@pytest.mark.parametrize(
    "overrides, expected",
    [
        # Where it hurts is never a reason on its own.
        ({"where": "entrance"}, set()),
        ({"where": "deep"}, set()),
        ({"where": "both"}, set()),
        ({"feels": ["burning"]}, {"vulvodynia"}),  # no hormonal answer: no low oestrogen
        ({"feels": ["wall"]}, {"vaginismus"}),
        ({"feels": ["dry"]}, {"hormonal-changes"}),
        ({"feels": ["ache"]}, {"endometriosis"}),
        ({"feels": ["pressure"]}, {"pelvic-floor-dysfunction"}),
        ({"started": "always"}, {"vaginismus", "vulvodynia"}),
        ({"started": "later"}, set()),
        ({"happens": ["any_touch"]}, {"vulvodynia", "vaginismus"}),
        ({"happens": ["period"]}, {"endometriosis"}),
        ({"happens": ["after"]}, set()),
        ({"happens": ["after"], "context": ["menopause"]}, {"hormonal-changes"}),
        ({"happens": ["fear"]}, {"vaginismus", "pelvic-floor-dysfunction"}),
        ({"context": ["menopause"]}, {"hormonal-changes"}),
        ({"context": ["perimenopause"]}, {"hormonal-changes"}),
        ({"happens": ["pooing"]}, {"endometriosis"}),
        ({"body": ["testosterone"]}, {"hormonal-changes"}),
        ({"context": ["new_partner"]}, set()),
        ({"context": ["birth"]}, {"hormonal-changes", "pelvic-floor-dysfunction"}),
        ({"context": ["ovaries"]}, {"hormonal-changes"}),
        ({"context": ["painful_periods"]}, {"endometriosis"}),
        ({"context": ["bladder"]}, {"pelvic-floor-dysfunction"}),
        ({"context": ["back"]}, {"pelvic-floor-dysfunction"}),
        ({"context": ["pelvic_treatment"]}, {"hormonal-changes"}),
        # Where it hurts rules out what is not felt there.
        ({"where": "deep", "started": "always", "happens": ["any_touch"]}, set()),
        ({"where": "deep", "feels": ["wall", "burning", "pressure"]}, {"pelvic-floor-dysfunction"}),
        ({"where": "entrance", "happens": ["period"]}, set()),
        ({"where": "entrance", "happens": ["period", "fear"]}, {"vaginismus", "pelvic-floor-dysfunction"}),
        ({"context": ["infections"]}, {"vulvodynia"}),
        ({"context": ["stress"]}, {"pelvic-floor-dysfunction"}),
    ],
)
def test_each_answer_points_to_the_right_pages(overrides, expected):
    assert set(slugs(answers(**overrides))) == expected


def test_the_best_fit_comes_first_with_every_reason():
    result = answers(where="deep", feels=["ache"], happens=["period"], context=["painful_periods", "back"])
    assert result[0].condition.slug == "endometriosis"
    assert len(result[0].reasons) == 3  # where it hurts is not a reason
    assert result[1].condition.slug == "pelvic-floor-dysfunction"


def test_ties_keep_library_order():
    assert slugs(answers(where="entrance", happens=["fear"])) == ["vaginismus", "pelvic-floor-dysfunction"]


def test_lifelong_burning_on_light_touch_ranks_vestibulodynia_first():
    result = answers(where="entrance", feels=["burning"], started="always", happens=["any_touch"])
    assert result[0].condition.slug == "vulvodynia"


def test_perimenopause_with_periods_does_not_push_endometriosis_last():
    result = answers(where="deep", feels=["ache"], happens=["period"], context=["perimenopause", "painful_periods"])
    assert result[0].condition.slug == "endometriosis"


def test_with_no_womb_and_no_ovaries_endometriosis_comes_last():
    result = answers(where="deep", feels=["ache", "pressure"], happens=["period"], body=["no_womb_or_ovaries"])
    assert slugs(result) == ["pelvic-floor-dysfunction", "endometriosis"]


@pytest.mark.parametrize("where", ["entrance", "deep", "both"])
def test_after_vaginoplasty_pages_that_cannot_apply_are_not_offered(where):
    result = slugs(
        answers(where=where, feels=["ache", "dry", "burning", "pressure"], happens=["period"], body=["vaginoplasty"])
    )
    assert "endometriosis" not in result and "hormonal-changes" not in result
    assert "pelvic-floor-dysfunction" in result


def test_a_young_person_gets_the_hormonal_page_only_with_an_answer_about_hormones():
    assert "hormonal-changes" not in slugs(answers(feels=["dry", "burning"], age="under_18"))
    assert "hormonal-changes" in slugs(answers(feels=["dry"], age="under_18", context=["birth"]))
    assert "hormonal-changes" in slugs(answers(feels=["dry"], age="18_49"))


def test_after_menopause_endometriosis_is_never_first():
    result = answers(where="deep", feels=["ache"], happens=["period"], context=["menopause", "painful_periods"])
    assert slugs(result)[-1] == "endometriosis"
    assert result[0].condition.slug != "endometriosis"


def other_causes(**overrides):
    data = {"where": "unsure", "started": "unsure", **overrides}
    form = WhereDoesItHurtForm(data)
    assert form.is_valid()
    return {heading: dict(causes) for heading, causes in form.other_causes()}


def test_other_causes_follow_where_it_hurts_and_the_answers():
    deep = other_causes(where="deep", context=["pelvic_treatment"])
    assert list(deep) == ["Felt deep inside"]
    assert deep["Felt deep inside"]["Scarring after surgery or radiotherapy"] is True
    assert any("pelvic inflammatory disease" in cause for cause in deep["Felt deep inside"])
    assert list(other_causes(where="entrance")) == ["Felt at the entrance"]
    assert list(other_causes()) == ["Felt at the entrance", "Felt deep inside"]


def test_infection_answers_point_to_infection_and_itching_to_thrush_and_skin():
    deep = other_causes(where="deep", urgent=["unusual_discharge"])["Felt deep inside"]
    assert deep["A pelvic infection, such as pelvic inflammatory disease (PID)"] is True
    entrance = other_causes(where="entrance", urgent=["sores_lumps"])["Felt at the entrance"]
    assert entrance["Sexually transmitted infections (STIs), such as herpes or chlamydia"] is True
    assert entrance["Thrush and other infections"] is False
    itching = other_causes(where="entrance", urgent=["itching_soreness"])["Felt at the entrance"]
    assert itching["Thrush and other infections"] is True
    assert itching["Skin conditions of the vulva, such as lichen sclerosus or eczema"] is True
    assert itching["Sexually transmitted infections (STIs), such as herpes or chlamydia"] is False
    assert (
        other_causes(where="deep", happens=["pooing"])["Felt deep inside"][
            "Bowel conditions, such as irritable bowel syndrome (IBS)"
        ]
        is True
    )


def test_classic_vaginismus_story():
    result = answers(where="entrance", feels=["wall"], started="always", happens=["fear"])
    assert result[0].condition.slug == "vaginismus"


def test_every_choice_is_mapped_or_deliberately_neutral():
    # Where it hurts only filters; the other neutral answers change urgent advice, other causes or which help comes first.
    neutral = {"where:entrance", "where:deep", "where:unsure", "started:unsure", "started:later", "context:new_partner"}
    keys = {f"where:{v}" for v, _ in WHERE_CHOICES if v != "both"}
    keys |= {f"feels:{v}" for v, _ in FEELS_CHOICES}
    keys |= {f"started:{v}" for v, _ in STARTED_CHOICES}
    keys |= {f"happens:{v}" for v, _ in HAPPENS_CHOICES}
    keys |= {f"context:{v}" for v, _ in CONTEXT_CHOICES}
    keys |= {"body:testosterone"}
    assert keys - neutral == set(SIGNS)


def test_every_mapped_slug_is_a_shipped_condition():
    mapped = {slug for pairs in SIGNS.values() for slug, _ in pairs}
    assert mapped == set(Condition.objects.values_list("slug", flat=True))


def test_reasons_never_diagnose():
    for pairs in SIGNS.values():
        for _, reason in pairs:
            assert "you have" not in reason.lower()


ENTRANCE_PAIN = {"where": "entrance", "feels": ["burning"], "started": "always"}  # couple.md problem 13


def test_entrance_pain_from_the_first_time_is_never_told_about_low_oestrogen():
    assert slugs(answers(**ENTRANCE_PAIN)) == ["vulvodynia", "vaginismus"]


@pytest.mark.parametrize("hormonal", [{"context": ["menopause"]}, {"context": ["birth"]}, {"context": ["ovaries"]}])
def test_a_hormonal_answer_brings_the_hormonal_page(hormonal):
    assert "hormonal-changes" in slugs(answers(**ENTRANCE_PAIN, **hormonal))
