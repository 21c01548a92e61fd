"""This app's part of keeping private records sealed (called by partners at sign-in and by `manage.py plain_rows`)."""

import logging

from django.db import transaction

from partners.http import get_membership_or_none, open_pair_key

from .models import Feeling, SharedLine, SoloLog

logger = logging.getLogger(__name__)


@transaction.atomic
def seal_plain_rows(user, data_key):
    """Feelings and solo logs stored before keys existed, sealed under the key this sign-in just opened; a line
    shown to the partner is sealed again under the pair key (once this person has it). Values sealed before
    padding are sealed again, padded, under the same key."""
    for felt in Feeling.objects.filter(user=user, sealed=None):
        felt.seal_plain(data_key)
    for log in SoloLog.objects.filter(user=user, sealed=None):
        log.seal_plain(data_key)
    for row in [
        *Feeling.objects.filter(user=user).exclude(sealed=None),
        *SoloLog.objects.filter(user=user).exclude(sealed=None),
    ]:
        if not row.is_padded():  # sealed before every value of a kind was padded to a few sizes
            row.reseal(data_key, data_key)
    waiting = list(SharedLine.objects.filter(log__user=user, sealed=None).select_related("log"))
    unpadded = [line for line in SharedLine.objects.filter(log__user=user).exclude(sealed=None) if not line.is_padded()]
    if not waiting and not unpadded:
        return
    membership = get_membership_or_none(user)
    pair_key = open_pair_key(data_key, membership) if membership is not None else None
    if pair_key is not None:
        for line in unpadded:
            line.reseal(pair_key, pair_key)
    for line in waiting:
        log = line.log.open(data_key)
        if log is None or membership is None or line.pair_id != membership.pair_id:
            logger.info("A shared line (row %s) could not be sealed; it is private again.", line.pk)
            line.delete()
        elif pair_key is not None:  # without the pair key yet, it waits (it holds nothing readable) for a later sign-in
            line.seal_plain(log, pair_key)


@transaction.atomic
def reseal(user, old_data_key, new_data_key, pair):
    """A passphrase change that re-keys (User.rekey): my feelings and solo logs move from the old data key to the
    new one, and every line shown in the pair (mine and my partner's) from the old pair key to the new one
    (`pair`: its id and both keys, or None outside a pair). Same rows, in place; a row that does not open under
    the old key is left as it is."""
    for row in [
        *Feeling.objects.filter(user=user).exclude(sealed=None),
        *SoloLog.objects.filter(user=user).exclude(sealed=None),
    ]:
        row.reseal(old_data_key, new_data_key)
    if pair is not None:
        for line in SharedLine.objects.filter(pair_id=pair.pair_id).exclude(sealed=None):
            line.reseal(pair.old_key, pair.new_key)


def forget_unreadable(user):
    """Starting afresh: feelings and solo logs sealed under a key nobody can open any more are deleted
    (with any line of them shown to the partner)."""
    Feeling.objects.filter(user=user).exclude(sealed=None).delete()
    SoloLog.objects.filter(user=user).exclude(sealed=None).delete()


def count_plain_rows():
    return {
        "feelings": Feeling.objects.filter(sealed=None).count(),
        "solo logs": SoloLog.objects.filter(sealed=None).count(),
    }
