"""Re-sealing under a new key (security review finding #12): after "change passphrase and re-key", my feelings and
solo logs open only under my new data key, and the pair's shared lines only under the new pair key."""

import logging

import pytest

from conftest import data_key_of
from partners import keys
from partners.http import get_membership_or_none
from partners.keyring import open_pair_key
from partners.models import PairKeys
from programme import private_records
from programme.models import CheckIn, Feeling, Response, SharedCheckIn, SharedHelp, SharedLine, SoloLog, SoloStep
from programme.private_records import Diary, open_row, reseal

pytestmark = pytest.mark.django_db

OLD_KEY, NEW_KEY = keys.new_key(), keys.new_key()
OLD_PAIR_KEY, NEW_PAIR_KEY = keys.new_key(), keys.new_key()
HIS_KEY = keys.new_key()


@pytest.fixture
def step(db):
    return SoloStep.objects.select_related("guide").get(guide__slug="insertion-steps", number=2)


def share(row, data_key, pair, pair_key):
    Diary.share(open_row(row, data_key), pair.pk, True, pair_key)


@pytest.fixture
def records(pair, partner_with_pain, supporting_partner, first_practice, step):
    """Two feelings, two solo logs and two check-ins of hers, one log shared; a feeling and a shared solo log of his."""
    for note in ("Slowly.", ""):
        Diary(partner_with_pain, OLD_KEY).record_feeling(first_practice, 4, 6, 2, note)
        Diary(partner_with_pain, OLD_KEY).record_practice(step, 9, 3, note)
        Diary(partner_with_pain, OLD_KEY).record_check_in({"pain_insertion": 7 if note else 4})
        Diary(partner_with_pain, OLD_KEY).record_response(first_practice, Response.HELPED, ["my-pace"] if note else [])
    share(SoloLog.objects.filter(user=partner_with_pain).first(), OLD_KEY, pair, OLD_PAIR_KEY)
    helped = Diary(partner_with_pain, OLD_KEY).record_response(first_practice, Response.HELPED, ["hug"])
    Diary.show_help(Diary(partner_with_pain, OLD_KEY).response(helped.pk), pair.pk, True, OLD_PAIR_KEY)
    shown = Diary(partner_with_pain, OLD_KEY).record_check_in({"closeness": 8})
    Diary.show_check_in(Diary(partner_with_pain, OLD_KEY).check_in(shown.pk), pair.pk, True, OLD_PAIR_KEY)
    Diary(supporting_partner, HIS_KEY).record_feeling(first_practice, 8, 8, 0, "His.")
    share(Diary(supporting_partner, HIS_KEY).record_practice(step, 5, 0, ""), HIS_KEY, pair, OLD_PAIR_KEY)


def contents(rows, key):
    return [open_row(row, key) for row in rows]


def hers(model, user):
    return list(model.objects.filter(user=user).order_by("pk"))


def test_after_resealing_everything_opens_with_the_new_keys_only(records, pair, partner_with_pain, supporting_partner):
    before = {
        model: contents(hers(model, partner_with_pain), OLD_KEY) for model in (Feeling, SoloLog, CheckIn, Response)
    }
    lines_before = contents(SharedLine.objects.order_by("pk"), OLD_PAIR_KEY)
    ids_before = [
        list(model.objects.order_by("pk").values_list("pk", flat=True)) for model in (Feeling, SoloLog, SharedLine)
    ]

    reseal(partner_with_pain, OLD_KEY, NEW_KEY, PairKeys(pair.pk, OLD_PAIR_KEY, NEW_PAIR_KEY))

    for model in (Feeling, SoloLog, CheckIn, Response):
        rows = hers(model, partner_with_pain)
        assert contents(rows, NEW_KEY) == before[model]
        assert contents(rows, OLD_KEY) == [None] * len(rows)
    lines = list(SharedLine.objects.order_by("pk"))
    assert len(lines) == 2 and contents(lines, NEW_PAIR_KEY) == lines_before  # his line too
    assert contents(lines, OLD_PAIR_KEY) == [None, None]
    assert [
        list(model.objects.order_by("pk").values_list("pk", flat=True)) for model in (Feeling, SoloLog, SharedLine)
    ] == ids_before
    [shown] = SharedHelp.objects.all()  # what she showed him moves to the new pair key too
    assert open_row(shown, NEW_PAIR_KEY).chosen == ["hug"] and open_row(shown, OLD_PAIR_KEY) is None
    [check_in] = SharedCheckIn.objects.all()  # and the check-in she showed him
    assert open_row(check_in, NEW_PAIR_KEY).answers["closeness"] == 8 and open_row(check_in, OLD_PAIR_KEY) is None
    his = Feeling.objects.get(user=supporting_partner)  # his own records stay under his own key
    assert open_row(his, HIS_KEY).note == "His." and open_row(his, NEW_KEY) is None


def test_outside_a_pair_only_my_own_records_move(records, partner_with_pain):
    reseal(partner_with_pain, OLD_KEY, NEW_KEY, None)
    assert None not in contents(hers(Feeling, partner_with_pain), NEW_KEY)
    assert None not in contents(SharedLine.objects.all(), OLD_PAIR_KEY)


def test_a_row_that_does_not_open_under_the_old_key_is_left_as_it_is(
    records, pair, partner_with_pain, first_practice, caplog
):
    stray = Diary(partner_with_pain, keys.new_key()).record_feeling(first_practice, 1, 1, 1, "Stray note.")
    caplog.set_level(logging.WARNING)
    reseal(partner_with_pain, OLD_KEY, NEW_KEY, PairKeys(pair.pk, OLD_PAIR_KEY, NEW_PAIR_KEY))
    assert bytes(Feeling.objects.get(pk=stray.pk).sealed) == bytes(stray.sealed)
    assert f"row {stray.pk}" in caplog.text and "Stray note." not in caplog.text
    assert Feeling.objects.filter(user=partner_with_pain).count() == 3


def test_resealing_is_all_or_nothing(records, pair, partner_with_pain, monkeypatch):
    moved = private_records._moved

    def fail_on_lines(row, old_key, new_key):
        if isinstance(row, SharedLine):
            raise RuntimeError("the database went away")
        moved(row, old_key, new_key)

    monkeypatch.setattr(private_records, "_moved", fail_on_lines)
    with pytest.raises(RuntimeError):
        reseal(partner_with_pain, OLD_KEY, NEW_KEY, PairKeys(pair.pk, OLD_PAIR_KEY, NEW_PAIR_KEY))
    assert None not in contents(hers(Feeling, partner_with_pain) + hers(SoloLog, partner_with_pain), OLD_KEY)


def test_a_passphrase_change_that_rekeys_moves_the_programme_records(pair, partner_with_pain, first_practice, step):
    """Through User.rekey, as the passphrase form calls it, with her real keys."""
    old_key = data_key_of(partner_with_pain)
    membership = get_membership_or_none(partner_with_pain, fresh=True)
    old_pair_key = open_pair_key(old_key, membership)
    Diary(partner_with_pain, old_key).record_feeling(first_practice, 4, 6, 2, "Slowly.")
    share(Diary(partner_with_pain, old_key).record_practice(step, 9, 3, "Mine."), old_key, pair, old_pair_key)

    new_key = partner_with_pain.rekey("a new and longer passphrase", old_key, [reseal])

    membership.refresh_from_db()
    new_pair_key = membership.open_pair_key(new_key)
    assert new_key != old_key and new_pair_key != old_pair_key
    assert [felt.note for felt in Diary(partner_with_pain, new_key).feelings()] == ["Slowly."]
    assert [log.note for log in Diary(partner_with_pain, new_key).practices()] == ["Mine."]
    old = Diary(partner_with_pain, old_key)
    assert old.feelings() == [] and old.practices() == []
    [line] = SharedLine.objects.all()
    assert open_row(line, new_pair_key).minutes == 9 and open_row(line, old_pair_key) is None
