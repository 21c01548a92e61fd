"""A copy of the database, on its own, tells nobody what anyone chose, felt or wrote.

Two partners sign up and pair the way everyone does, mark ideas (yes, no, maybe, giving and receiving), rate a
session, write notes and log solo practice. Then every row of every table is read, as someone holding a
stolen copy or a backup would, and searched for anything tied to a person: the ideas they marked (slug,
title), answer words, the notes, the solo steps, the practice they rated. Nothing is found. The same search
finds a single mark stored in plain text, so it can fail.
"""

import re

import pytest
from django.db import connection
from django.test import Client

from conversations.models import Idea, Mark
from programme.models import Feeling, Practice, SharedCheckIn, SoloLog, SoloStep

pytestmark = pytest.mark.django_db
ANA, BEN = "tea by the window at dawn", "a slow boat down the canal"
NOTES = ["Wobbly at first but lovely", "Stopped when it stung near the end", "Used the smallest trainer calmly"]
ANSWER_WORDS = re.compile(r"\b(yes|maybe|no|give|giving|receive|receiving|either|comfort|enjoyment)\b", re.IGNORECASE)
# Columns tying a row to a person (or their pair); rows without one are shared content, the same for everyone.
PERSONAL = re.compile(r"(^|_)(user|membership|pair|log|session|owner)(_id)?$|_by_id$|^requested_by_id$")


def sign_up(username, passphrase):
    client = Client()
    client.post("/account/sign-up/", {"username": username, "password1": passphrase, "password2": passphrase})
    return client


def pair_up(ana, ben):
    code = ana.post("/pair/invite/", {"lives_with_pain": "yes"}, follow=True).context["invite"].code
    ben.post("/pair/join/", {"code": code, "lives_with_pain": "no"})
    ana.post("/pair/answer/", {"answer": "accept"})


def every_row():
    """(table, {column: value}) for every row of every table: what a copy of the database holds."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            names = [column[0] for column in cursor.description]
            for row in cursor.fetchall():
                yield table, dict(zip(names, row))


def as_bytes(value):
    if isinstance(value, memoryview):
        return bytes(value)
    return value if isinstance(value, bytes) else str(value).encode()


def findings(secrets):
    """Where any of `secrets` (long strings) or an answer word shows in a row tied to a person."""
    found = []
    for table, row in every_row():
        if not any(PERSONAL.search(column) for column in row) and table != "partners_user":
            continue
        for column, value in row.items():
            if value is None:
                continue
            raw = as_bytes(value)
            for secret in secrets:
                if secret.lower().encode() in raw.lower():
                    found.append((table, column, secret))
            if not isinstance(value, (bytes, memoryview)) and ANSWER_WORDS.search(str(value)):
                found.append((table, column, ANSWER_WORDS.search(str(value)).group()))
    return found


@pytest.fixture
def couple_who_used_everything(db):
    ana, ben = sign_up("ana", ANA), sign_up("ben", BEN)
    pair_up(ana, ben)
    for client in (ana, ben):
        client.post("/pair/settings/", {"show_maybes": "on"})
    one_sided = list(Idea.objects.current().filter(two_sided=False).in_order()[:4])
    two_sided = list(Idea.objects.current().filter(two_sided=True).in_order()[:2])
    answers = [
        (ana, one_sided[0], "y", "e"),
        (ben, one_sided[0], "y", "e"),  # both yes
        (ana, one_sided[1], "y", "e"),
        (ben, one_sided[1], "m", "e"),  # yes and maybe
        (ana, one_sided[2], "n", "e"),
        (ben, one_sided[2], "y", "e"),  # one said no
        (ben, one_sided[3], "m", "e"),
        (ana, two_sided[0], "y", "g"),
        (ben, two_sided[0], "y", "r"),  # giving and receiving
        (ana, two_sided[1], "m", "r"),
        (ben, two_sided[1], "y", "e"),
    ]
    for client, idea, choice, side in answers:
        assert client.post("/marks/", {"idea": idea.slug, "choice": choice, "side": side}).status_code == 302
    both_of_us = ana.get("/ideas/both-of-us/").context
    assert set(both_of_us["both_yes"]) == {one_sided[0], two_sided[0]}
    assert set(both_of_us["yes_and_maybe"]) == {one_sided[1], two_sided[1]}
    practice = Practice.objects.order_by("stage__number", "order").first()
    for client, note in ((ana, NOTES[0]), (ben, NOTES[1])):
        client.post(
            "/programme/how-it-felt/", {"practice": practice.pk, "comfort": 7, "enjoyment": 9, "pain": 3, "note": note}
        )
    step = SoloStep.objects.filter(guide__slug="insertion-steps").order_by("number").last()
    ana.post("/programme/solo/log/", {"step": step.pk, "minutes": 9, "pain": 2, "note": NOTES[2]})
    assert (Mark.objects.count(), Feeling.objects.count(), SoloLog.objects.count()) == (
        2 * Idea.objects.count(),
        2,
        1,
    )  # a row per idea each
    ana.post("/programme/check-in/", {"pain_insertion": "7", "fear": "8", "show": "on"})  # and shown to ben
    assert SharedCheckIn.objects.exists()
    ana.post("/programme/responded/", {"practice": practice.pk, "chosen": ["asked-once"], "show": "on"})
    ben.post("/programme/responded/", {"practice": practice.pk, "chosen": ["pulled-away"]})
    questions = {"questions": "Can I come to the next appointment?", "agreed": "on"}
    assert ben.post("/appointment/partner-questions/", questions).status_code == 302
    # A clinician link: its sheet (her guide answers, her check-in's trend) is kept only as ciphertext.
    assert (
        ana.post("/appointment/link/", {"where": "entrance", "started": "always", "feels": ["burning"]}).status_code
        == 200
    )
    secrets = [
        *NOTES,
        step.title,
        practice.title,
        "Burning, stinging or raw",
        "0 to 10: 7 on",
        "pain_insertion",  # a check-in's answers, as the sealed JSON names them (hers, and the one shown to ben)
        "asked-once",
        "pulled-away",
        "next appointment",
    ]
    for idea in [*one_sided, *two_sided]:
        secrets += [idea.slug, idea.title]
    return secrets


def test_a_copy_of_the_database_reveals_no_ones_choices_ratings_or_notes(couple_who_used_everything):
    assert findings(couple_who_used_everything) == []


def test_the_search_finds_a_note_stored_in_plain_text(couple_who_used_everything):
    """The search itself works: a note written into a row as it is (never by the app) is found."""
    Feeling.objects.filter(pk=Feeling.objects.first().pk).update(sealed=NOTES[0].encode())
    assert ("programme_feeling", "sealed", NOTES[0]) in findings(couple_who_used_everything)


def raw_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_a_copy_shows_nobody_who_lives_with_the_pain(db):
    """Ana lives with the pain and Ben does not; their seats and Ben's request to join look alike all the same."""
    ana, ben = sign_up("ana", ANA), sign_up("ben", BEN)
    code = ana.post("/pair/invite/", {"lives_with_pain": "yes"}, follow=True).context["invite"].code
    ben.post("/pair/join/", {"code": code, "lives_with_pain": "no"})
    [asked] = [row for row in raw_rows("partners_invite") if row["requested_by_id"]]
    ana.post("/pair/answer/", {"answer": "accept"})
    for client in (ana, ben):
        client.get("/pair/")
    seats = sorted(raw_rows("partners_membership"), key=lambda row: row["seat"])
    assert [{name for name in row if "pain" in name} for row in seats] == [
        {"sealed_lives_with_pain", "own_sealed_lives_with_pain"}
    ] * 2
    sealed = [as_bytes(row[name]) for row in seats for name in row if "pain" in name] + [
        as_bytes(asked["sealed_requester_lives_with_pain"])
    ]
    assert all(b"true" not in value and b"false" not in value for value in sealed)
    assert len({len(value) for value in sealed[:4]}) == 1  # yes and no sealed to one length
    plain = [
        {
            name: value
            for name, value in row.items()
            if not isinstance(value, (bytes, memoryview)) and name not in ("id", "user_id", "seat", "joined_at")
        }
        for row in seats
    ]
    assert plain[0] == plain[1]  # no plain column tells the two seats apart
