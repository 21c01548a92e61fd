"""This app's part of keeping private records sealed (called by partners at sign-in and by `manage.py plain_rows`)."""

import logging

from django.db import transaction

from partners.http import get_membership_or_none, open_pair_key

from .models import Feeling, SharedLine, SoloLog

logger = logging.getLogger(__name__)


@transaction.atomic
def seal_plain_rows(user, data_key):
    """Feelings and solo logs stored before keys existed, sealed under the key this sign-in just opened; a line
    shown to the partner is sealed again under the pair key (once this person has it)."""
    for felt in Feeling.objects.filter(user=user, sealed=None):
        felt.seal_plain(data_key)
    for log in SoloLog.objects.filter(user=user, sealed=None):
        log.seal_plain(data_key)
    waiting = list(SharedLine.objects.filter(log__user=user, sealed=None).select_related("log"))
    if not waiting:
        return
    membership = get_membership_or_none(user)
    pair_key = open_pair_key(data_key, membership) if membership is not None else None
    for line in waiting:
        log = line.log.open(data_key)
        if log is None or membership is None or line.pair_id != membership.pair_id:
            logger.info("A shared line (row %s) could not be sealed; it is private again.", line.pk)
            line.delete()
        elif pair_key is not None:  # without the pair key yet, it waits (it holds nothing readable) for a later sign-in
            line.seal_plain(log, pair_key)


def forget_unreadable(user):
    """Starting afresh: feelings and solo logs sealed under a key nobody can open any more are deleted
    (with any line of them shown to the partner)."""
    Feeling.objects.filter(user=user).exclude(sealed=None).delete()
    SoloLog.objects.filter(user=user).exclude(sealed=None).delete()


def count_plain_rows():
    return {"feelings": Feeling.objects.filter(sealed=None).count(), "solo logs": SoloLog.objects.filter(sealed=None).count()}
