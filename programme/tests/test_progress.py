"""How far we've come: my own check-ins and practice over time, as charts and tables, for me alone."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from conftest import signed_in
from programme.check_ins import content
from programme.models import PairStage, SoloStep

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC)
QUERIES = 10  # the user (the session is cached), my check-ins, practices, feelings and notes after sessions, my seat, our stage, our last session, and what my partner showed me (what helped, check-ins)


# Each visit at another time signs in afresh there: a session saved in the past has run out by now.
def check_in_at(user, when, **answers):
    with time_machine.travel(when, tick=False):
        assert signed_in(user).post("/programme/check-in/", answers).status_code == 302


def practise_at(user, when, step, pain):
    with time_machine.travel(when, tick=False):
        signed_in(user).post("/programme/solo/log/", {"step": step.pk, "minutes": 5, "pain": pain, "note": ""})


def page_at(user, when, path):
    with time_machine.travel(when, tick=False):
        return signed_in(user).get(path).text


def test_an_empty_page_invites_a_first_check_in(pair, pain_client, partner_with_pain):
    page = pain_client.get("/programme/progress/").text
    assert "No check-ins yet" in page and 'href="/programme/check-in/"' in page
    assert "<svg" not in page


def test_each_answered_question_has_a_chart_and_the_same_figures_in_a_table(pair, pain_client, partner_with_pain):
    check_in_at(partner_with_pain, START, pain_insertion="8", closeness="4")
    check_in_at(partner_with_pain, START + datetime.timedelta(days=28), pain_insertion="5", closeness="4")
    page = pain_client.get("/programme/progress/").text
    short = {q.key: q.short for q in content().questions}
    assert page.count('<svg class="chart"') == 2
    assert (
        f'<title id="chart-1-summary">{short["pain_insertion"]}, 0 to 10: 8 on 1 September, 5 on 29 September</title>'
        in page
    )
    table = page.split(f">{short['pain_insertion']}</h3>")[1].split("</table>")[0]
    assert re.findall(r"<td>(\d+)</td>", table) == ["8", "5"]
    assert content().kind_words["better"] in page  # 8 to 5: lower pain
    assert content().kind_words["same"] in page  # closeness 4 to 4
    assert short["fear"] not in page  # never answered: no chart


def test_worse_gets_kind_words_too(pair, pain_client, partner_with_pain):
    check_in_at(partner_with_pain, START, fear="2")
    check_in_at(partner_with_pain, START + datetime.timedelta(days=30), fear="7")
    assert content().kind_words["worse"] in pain_client.get("/programme/progress/").text


def test_a_check_in_is_offered_again_after_a_few_weeks(pair, pain_client, partner_with_pain):
    check_in_at(partner_with_pain, START, fear="2")
    soon = START + datetime.timedelta(days=content().every_days - 1)
    assert "since your last check-in" not in page_at(partner_with_pain, soon, "/programme/")
    later = START + datetime.timedelta(days=content().every_days)
    assert "since your last check-in" in page_at(partner_with_pain, later, "/programme/")


def test_after_a_break_in_practice_a_welcome_back_suggests_one_step_lower(pair, pain_client, partner_with_pain):
    step_two = SoloStep.objects.get(guide__slug="insertion-steps", number=2)
    step_one = SoloStep.objects.get(guide__slug="insertion-steps", number=1)
    practise_at(partner_with_pain, START, step_two, 3)
    gap = datetime.timedelta(days=content().welcome_back_after_days)
    soon = START + gap - datetime.timedelta(days=1)
    assert content().welcome_back["heading"] not in page_at(partner_with_pain, soon, "/programme/solo/insertion-steps/")
    for path in ["/programme/solo/insertion-steps/", "/programme/progress/", "/programme/"]:
        page = page_at(partner_with_pain, START + gap, path)
        assert content().welcome_back["heading"] in page, path
        assert f'#step-1">Step 1: {step_one.title}</a>' in page, path


def test_after_a_break_in_sessions_together_both_partners_are_welcomed_back(
    pair, stages, partner_with_pain, supporting_partner
):
    first, second = list(stages[0].practices.all())[:2]
    with time_machine.travel(START, tick=False):
        signed_in(supporting_partner).post("/programme/start/", {"practice": second.pk})
    gap = datetime.timedelta(days=content().welcome_back_after_days)
    soon = START + gap - datetime.timedelta(days=1)
    assert content().welcome_back["heading"] not in page_at(supporting_partner, soon, "/programme/")
    for person in (supporting_partner, partner_with_pain):  # neither has practised alone: the session counts
        page = page_at(person, START + gap, "/programme/")
        assert content().welcome_back["heading"] in page
        assert f'<a href="{first.get_absolute_url()}">{first.title}</a>' in page  # the session before ours


def test_one_session_lower_than_a_stages_first_is_the_last_of_the_stage_before(pair, stages, supporting_partner):
    last_of_first_stage, first_of_second = list(stages[0].practices.all())[-1], stages[1].practices.first()
    PairStage.of(pair.pk)
    PairStage.objects.filter(pair=pair).update(number=2)  # they have both reached stage 2
    with time_machine.travel(START, tick=False):
        signed_in(supporting_partner).post("/programme/start/", {"practice": first_of_second.pk})
    page = page_at(supporting_partner, START + datetime.timedelta(days=40), "/programme/")
    assert f'<a href="{last_of_first_stage.get_absolute_url()}">{last_of_first_stage.title}</a>' in page


def test_solo_practice_after_the_last_session_decides_where_to_start_again(pair, stages, partner_with_pain):
    step_one = SoloStep.objects.get(guide__slug="insertion-steps", number=1)
    with time_machine.travel(START, tick=False):
        signed_in(partner_with_pain).post("/programme/start/", {"practice": stages[0].practices.first().pk})
    practise_at(partner_with_pain, START + datetime.timedelta(days=2), step_one, 3)
    page = page_at(partner_with_pain, START + datetime.timedelta(days=40), "/programme/")
    assert f'#step-1">Step 1: {step_one.title}</a>' in page


def test_practice_over_time_is_charted(pair, pain_client, partner_with_pain):
    step = SoloStep.objects.get(guide__slug="insertion-steps", number=1)
    practise_at(partner_with_pain, START, step, 6)
    practise_at(partner_with_pain, START + datetime.timedelta(days=7), step, 3)
    page = pain_client.get("/programme/progress/").text
    assert "Pain during my solo practice" in page and "2 solo practices logged" in page


def test_my_partner_never_sees_my_progress(pair, pain_client, partner_with_pain, support_client):
    check_in_at(partner_with_pain, timezone.now(), pain_insertion="8", fear="6")
    page = support_client.get("/programme/progress/").text
    assert "No check-ins yet" in page and "<svg" not in page
    for path in ["/programme/", "/appointment/", "/account/my-data.json"]:
        assert content().questions[0].short not in support_client.get(path).text, path


def test_the_appointment_sheet_carries_my_trend_in_a_line(pair, pain_client, partner_with_pain):
    check_in_at(partner_with_pain, START, pain_insertion="8")
    check_in_at(partner_with_pain, START + datetime.timedelta(days=28), pain_insertion="5")
    sheet = pain_client.get("/appointment/").text
    short = next(q.short for q in content().questions if q.key == "pain_insertion")
    assert f"{short}, 0 to 10: 8 on 1 September 2026, 5 on 29 September 2026 (2 check-ins)." in sheet
    assert sheet.count('<figure class="small-chart">') == 1 and "<polyline" in sheet  # and drawn small beside it


def test_query_count_does_not_grow_with_check_ins(pair, pain_client, partner_with_pain, django_assert_num_queries):
    check_in_at(partner_with_pain, START, fear="3")
    pain_client.get("/programme/progress/")
    with django_assert_num_queries(QUERIES):
        pain_client.get("/programme/progress/")
    for days in (10, 40, 70):
        check_in_at(partner_with_pain, START + datetime.timedelta(days=days), fear="4")
    with django_assert_num_queries(QUERIES):
        pain_client.get("/programme/progress/")


def test_the_sheet_dates_a_late_check_in_by_the_clock_at_home(pair, partner_with_pain):
    late = datetime.datetime(2026, 9, 1, 23, 30, tzinfo=datetime.UTC)  # 00:30 on 2 September in London
    check_in_at(partner_with_pain, late, pain_insertion="8")
    sheet = page_at(partner_with_pain, late, "/appointment/")
    assert "0 to 10: 8 on 2 September 2026." in sheet and "1 September" not in sheet


def test_some_weeks_after_a_stage_is_finished_a_booster_check_in_is_offered(
    pair, partner_with_pain, supporting_partner
):
    check_in_at(partner_with_pain, START, fear="6")
    finished = START + datetime.timedelta(days=3)
    with time_machine.travel(finished, tick=False):
        for person in (partner_with_pain, supporting_partner):  # both ready: the stage is finished
            signed_in(person).post("/programme/ready/", {"stage": 1})
    weeks_later = finished + datetime.timedelta(days=content().every_days)
    assert content().booster not in page_at(partner_with_pain, weeks_later - datetime.timedelta(days=1), "/programme/")
    assert content().booster in page_at(partner_with_pain, weeks_later, "/programme/")
    check_in_at(partner_with_pain, weeks_later, fear="3")  # checked in since: no booster any more
    assert content().booster not in page_at(partner_with_pain, weeks_later, "/programme/")


def test_due_dates_count_days_at_home_not_24_hour_periods(pair, partner_with_pain):
    evening = datetime.datetime(2026, 11, 2, 20, tzinfo=datetime.UTC)  # 20:00 in London (GMT)
    check_in_at(partner_with_pain, evening, fear="2")
    morning_of_the_day = datetime.datetime(2026, 11, 2 + content().every_days, 8, tzinfo=datetime.UTC)
    assert "since your last check-in" in page_at(partner_with_pain, morning_of_the_day, "/programme/")


def test_a_change_of_one_point_is_about_the_same_and_two_is_a_change(pair, pain_client, partner_with_pain):
    check_in_at(partner_with_pain, START, fear="5", closeness="5")
    check_in_at(partner_with_pain, START + datetime.timedelta(days=28), fear="6", closeness="7")
    page = pain_client.get("/programme/progress/").text
    assert content().kind_words["same"] in page.split(">Worry that it will hurt</h3>")[1].split("</section>")[0]
    assert content().kind_words["better"] in page.split(">Feeling close</h3>")[1].split("</section>")[0]


def words_under(page, heading):
    return page.split(f">{heading}</h3>")[1].split("</section>")[0]


def test_a_step_back_since_last_time_is_never_called_about_the_same(pair, partner_with_pain):
    for days, pain in [(0, "8"), (28, "6"), (56, "9")]:  # 8 to 9 is about the same; 6 to 9 is not
        check_in_at(partner_with_pain, START + datetime.timedelta(days=days), pain_insertion=pain)
    page = page_at(partner_with_pain, START + datetime.timedelta(days=57), "/programme/progress/")
    said = words_under(page, "Pain when something goes in")
    assert content().kind_words["harder_than_last"] in said and content().kind_words["if_pain_is_worse"] in said
    assert content().kind_words["same"] not in said


def test_advice_about_pain_goes_only_with_answers_about_pain(pair, supporting_partner):
    for days, closeness in [(0, "6"), (28, "2")]:
        check_in_at(supporting_partner, START + datetime.timedelta(days=days), closeness=closeness)
    said = words_under(
        page_at(supporting_partner, START + datetime.timedelta(days=29), "/programme/progress/"), "Feeling close"
    )
    assert content().kind_words["worse"] in said and content().kind_words["if_pain_is_worse"] not in said


def test_the_sheet_gives_the_furthest_step_even_after_going_back_a_step(pair, partner_with_pain):
    steps = {step.number: step for step in SoloStep.objects.filter(guide__slug="insertion-steps")}
    practise_at(partner_with_pain, START, steps[3], 4)
    practise_at(partner_with_pain, START + datetime.timedelta(days=30), steps[1], 1)  # back after a break
    sheet = page_at(partner_with_pain, START + datetime.timedelta(days=30), "/appointment/")
    assert f"Furthest step so far in {steps[3].guide.title}: {steps[3]}." in sheet
    assert f"Last practised: {steps[1]}." in sheet
