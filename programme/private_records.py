"""The one place the programme seals and opens private records (as conversations/private_marks.py is for marks).

- `Diary(user, data_key)`: one person's own feelings, solo practice, check-ins and notes after sessions, sealed under
  their data key, and what of them they show their partner, sealed under the pair key.
- `partner_lines`, `partner_help`, `partner_check_ins`: what my partner shows me, opened with the pair key.
- `reseal` and `forget_unreadable`: this app's registry hooks (apps.py) for a re-key and for starting afresh.

Every value is padded to one of its kind's sizes (models/private.py), so its length says almost nothing. A row
that does not open is left out and logged by row number only.
"""

import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from partners import keys

from .models import (
    CheckIn,
    Feeling,
    OpenCheckIn,
    OpenFeeling,
    OpenHelp,
    OpenLine,
    OpenResponse,
    OpenSoloLog,
    Response,
    SharedCheckIn,
    SharedHelp,
    SharedLine,
    SoloLog,
)
from .models.private import (
    CHECK_IN_ANSWERS,
    NOTE_MAX_CHARS,
    RESPONSE_CHOICES_MAX,
    RESPONSE_KEY_MAX,
    TITLE_MAX_CHARS,
)

logger = logging.getLogger(__name__)
CHECK_INS_SHOWN_MAX = 26  # two years of check-ins every 4 weeks, charted for the partner


_READERS = {
    Feeling: lambda row, felt: OpenFeeling(
        row.pk,
        row.felt_at,
        felt["practice"],
        felt["practice_title"],
        felt["comfort"],
        felt["enjoyment"],
        felt["pain"],
        felt["note"],
    ),
    SoloLog: lambda row, practised: OpenSoloLog(
        row.pk,
        row.practised_at,
        practised["step"],
        practised["step_title"],
        practised["guide"],
        practised["minutes"],
        practised["pain"],
        practised["note"],
        hasattr(row, "shared"),  # read with select_related("shared"): no query
    ),
    CheckIn: lambda row, answers: OpenCheckIn(
        row.pk,
        row.checked_at,
        {key: answers[key] for key in CHECK_IN_ANSWERS},
        hasattr(row, "shown"),  # read with select_related("shown"): no query
    ),
    SharedCheckIn: lambda row, shown: OpenCheckIn(
        row.check_in_id,
        datetime.fromisoformat(shown["checked_at"]),
        {key: shown["answers"][key] for key in CHECK_IN_ANSWERS},
    ),
    Response: lambda row, said: OpenResponse(
        row.pk,
        row.said_at,
        said["practice"],
        said["practice_title"],
        said["about"],
        list(said["chosen"]),
        hasattr(row, "shown"),  # read with select_related("shown"): no query
    ),
    SharedHelp: lambda row, shown: OpenHelp(datetime.fromisoformat(shown["said_at"]), list(shown["chosen"])),
    SharedLine: lambda row, line: OpenLine(
        datetime.fromisoformat(line["practised_at"]), line["step_title"], line["minutes"], line["pain"]
    ),
}


def open_row(row, key):
    """A private record opened with its key (a Feeling as an OpenFeeling, and so on, as _READERS says), or None
    when it does not open (logged by row number only)."""
    try:
        return _READERS[type(row)](row, keys.unseal_json(key, row.sealed, row.row_context()))
    except (keys.Unreadable, KeyError, TypeError, ValueError):
        logger.warning("A sealed %s (row %s) did not open; it is left out.", row._meta.verbose_name, row.pk)
        return None


def _moved(row, old_key, new_key):
    """`row` sealed again, in place, from `old_key` to `new_key`; left as it is if it does not open."""
    context = row.row_context()
    try:
        value = keys.unseal_json(old_key, row.sealed, context)
    except keys.Unreadable:
        logger.warning("A sealed %s (row %s) did not open to be sealed again.", row._meta.verbose_name, row.pk)
        return
    type(row).objects.filter(pk=row.pk).update(sealed=keys.seal_json(new_key, value, context, row.SEALED_BYTES))


class Diary:
    """One signed-in person's own programme records, opened with their data key (given, never read here)."""

    def __init__(self, user, data_key):
        self.user, self.data_key = user, data_key

    # --- how sessions felt ---

    def record_feeling(self, practice, comfort, enjoyment, pain, note):
        felt_at = timezone.now()
        felt = {
            "practice": practice.pk,
            "practice_title": practice.title[:TITLE_MAX_CHARS],
            "comfort": comfort,
            "enjoyment": enjoyment,
            "pain": pain,
            "note": note[:NOTE_MAX_CHARS],
        }
        context = Feeling.sealing_context(self.user.pk, felt_at)
        sealed = keys.seal_json(self.data_key, felt, context, Feeling.SEALED_BYTES)
        return Feeling.objects.create(user=self.user, felt_at=felt_at, sealed=sealed)

    def feelings(self):
        """Every feeling of mine that opens, newest first (one query: a person has few)."""
        opened = (open_row(row, self.data_key) for row in Feeling.objects.filter(user=self.user))
        return [felt for felt in opened if felt]

    def feelings_for(self, practice, limit=5):
        return [felt for felt in self.feelings() if felt.practice_id == practice.pk][:limit]

    # --- solo practice ---

    def record_practice(self, step, minutes, pain, note):
        practised_at = timezone.now()
        practised = {
            "step": step.pk,
            "step_title": str(step)[:TITLE_MAX_CHARS],
            "guide": step.guide.slug,
            "minutes": minutes,
            "pain": pain,
            "note": note[:NOTE_MAX_CHARS],
        }
        context = SoloLog.sealing_context(self.user.pk, practised_at)
        sealed = keys.seal_json(self.data_key, practised, context, SoloLog.SEALED_BYTES)
        return SoloLog.objects.create(user=self.user, practised_at=practised_at, sealed=sealed)

    def practices(self, oldest_first=False):
        """Every practice of mine that opens, newest first unless asked (one query: a person has few)."""
        rows = SoloLog.objects.filter(user=self.user).select_related("shared")
        opened = (open_row(row, self.data_key) for row in (rows.order_by("practised_at") if oldest_first else rows))
        return [log for log in opened if log]

    @staticmethod
    def practices_in(practices, guide, limit=10):
        """Of my practices (opened, newest first), the newest in one guide."""
        return [log for log in practices if log.guide == guide.slug][:limit]

    def practice(self, log_id):
        """One practice of mine by its row number, opened, or None (anyone else's row is never found)."""
        row = SoloLog.objects.filter(user=self.user, pk=log_id).select_related("shared").first()
        return open_row(row, self.data_key) if row else None

    def summary(self):
        """What the appointment sheet shows its owner: how often, which step, how much pain. None without a log."""
        logs = self.practices(oldest_first=True)
        if not logs:
            return None
        return {
            "count": len(logs),
            "since": logs[0].practised_at,
            "last_step": logs[-1].step_title,
            "step_ids": {log.step_id for log in logs if log.step_id is not None},
            "highest_pain": max(log.pain for log in logs),
            "last_pain": logs[-1].pain,
        }

    # --- check-ins ---

    def record_check_in(self, answers):
        """My answers (each 0-10, CheckIn.NOT_TRIED, or None for a question skipped or not asked of me)."""
        checked_at = timezone.now()
        sealed_answers = {key: answers.get(key) for key in CHECK_IN_ANSWERS}
        context = CheckIn.sealing_context(self.user.pk, checked_at)
        sealed = keys.seal_json(self.data_key, sealed_answers, context, CheckIn.SEALED_BYTES)
        return CheckIn.objects.create(user=self.user, checked_at=checked_at, sealed=sealed)

    def check_ins(self):
        """Every check-in of mine that opens, newest first (one query: one every few weeks)."""
        rows = CheckIn.objects.filter(user=self.user).select_related("shown")
        opened = (open_row(row, self.data_key) for row in rows)
        return [check_in for check_in in opened if check_in]

    def check_in(self, check_in_id):
        return self._one_of_mine(CheckIn, check_in_id)

    @staticmethod
    def show_check_in(check_in, pair_id, shown, pair_key=None):
        """One check-in of mine (`check_in`, opened) shown to my partner, whole, or private again, as asked."""
        value = {"checked_at": check_in.checked_at.isoformat(), "answers": check_in.answers} if shown else None
        _show_or_take_back(SharedCheckIn, "check_in", check_in.pk, pair_id, value, pair_key)

    # --- how I responded, or what helped me, after a session together ---

    def record_response(self, practice, about, chosen):
        said_at = timezone.now()
        said = {
            "practice": practice.pk,
            "practice_title": practice.title[:TITLE_MAX_CHARS],
            "about": about,
            "chosen": [key[:RESPONSE_KEY_MAX] for key in chosen[:RESPONSE_CHOICES_MAX]],
        }
        context = Response.sealing_context(self.user.pk, said_at)
        sealed = keys.seal_json(self.data_key, said, context, Response.SEALED_BYTES)
        return Response.objects.create(user=self.user, said_at=said_at, sealed=sealed)

    def responses(self):
        """Every response of mine that opens, newest first (one query)."""
        rows = Response.objects.filter(user=self.user).select_related("shown")
        opened = (open_row(row, self.data_key) for row in rows)
        return [response for response in opened if response]

    def response(self, response_id):
        return self._one_of_mine(Response, response_id)

    def _one_of_mine(self, model, row_id):
        """One record of mine that can be shown (a CheckIn or a Response) by its row number, opened, or None:
        anyone else's row is never found."""
        row = model.objects.filter(user=self.user, pk=row_id).select_related("shown").first()
        return open_row(row, self.data_key) if row else None

    @staticmethod
    def show_help(response, pair_id, shown, pair_key=None):
        """What helped me (`response`, opened, about "helped") shown to my partner or private again, as asked."""
        value = {"said_at": response.said_at.isoformat(), "chosen": response.chosen} if shown else None
        _show_or_take_back(SharedHelp, "response", response.pk, pair_id, value, pair_key)

    # --- lines shown to the partner ---

    @staticmethod
    def share(log, pair_id, shared, pair_key=None):
        """A line of my practice (`log`, opened) shown to my partner or private again, as asked. Never the note."""
        line = {
            "practised_at": log.practised_at.isoformat(),
            "step_title": log.step_title[:TITLE_MAX_CHARS],
            "minutes": log.minutes,
            "pain": log.pain,
        }
        _show_or_take_back(SharedLine, "log", log.pk, pair_id, line if shared else None, pair_key)

    # --- a re-key, and starting afresh ---

    @transaction.atomic
    def move_to(self, new_data_key, pair=None):
        """My feelings, solo logs and check-ins from my old data key (this diary's) to the new one, and every line
        shown in the pair (mine and my partner's) from the old pair key to the new one (`pair`: PairKeys, or None).
        Same rows, in place."""
        mine = [*Feeling.objects.filter(user=self.user), *SoloLog.objects.filter(user=self.user)]
        for row in [*mine, *CheckIn.objects.filter(user=self.user), *Response.objects.filter(user=self.user)]:
            _moved(row, self.data_key, new_data_key)
        if pair is not None:
            for line in [
                *SharedLine.objects.filter(pair_id=pair.pair_id),
                *SharedHelp.objects.filter(pair_id=pair.pair_id),
                *SharedCheckIn.objects.filter(pair_id=pair.pair_id),
            ]:
                _moved(line, pair.old_key, pair.new_key)
        return Diary(self.user, new_data_key)


def _show_or_take_back(model, record, record_id, pair_id, value, pair_key):
    """One record of mine (`record`: the field naming it) shown to my partner as `value`, sealed under the pair key,
    or taken back when `value` is None. Never flipped: a repeated or late tap on "make private" keeps it private,
    and two taps on "show" at the same moment show it once."""
    if value is None:
        model.objects.filter(**{f"{record}_id": record_id}).delete()
        return
    sealed = keys.seal_json(pair_key, value, model.sealing_context(pair_id, record_id), model.SEALED_BYTES)
    try:
        with transaction.atomic():
            model.objects.get_or_create(**{f"{record}_id": record_id}, defaults={"pair_id": pair_id, "sealed": sealed})
    except IntegrityError:  # shown by a second tap at the same moment
        pass


def _from_my_partner(model, record, pair_id, user, pair_key_of, limit):
    """What my partner chose to show me of one kind, newest first (one query), opened with the pair key
    `pair_key_of()` gives, asked only when there is something to open."""
    rows = list(model.objects.filter(pair_id=pair_id).exclude(**{f"{record}__user": user})[:limit])
    pair_key = pair_key_of() if rows else None
    if pair_key is None:
        return []
    opened = (open_row(row, pair_key) for row in rows)
    return [shown for shown in opened if shown]


def partner_lines(pair_id, user, pair_key_of, limit=5):
    """My partner's newest shared lines of solo practice."""
    return _from_my_partner(SharedLine, "log", pair_id, user, pair_key_of, limit)


def reseal(user, old_data_key, new_data_key, pair):
    """The registry's `reseal` (User.rekey): my records to my new data key, shared lines to the new pair key."""
    Diary(user, old_data_key).move_to(new_data_key, pair)


def forget_unreadable(user, data_key):
    """Starting afresh: feelings, solo logs and check-ins sealed under a key nobody can open any more are deleted
    (with any line of them shown to the partner)."""
    Feeling.objects.filter(user=user).delete()
    SoloLog.objects.filter(user=user).delete()
    CheckIn.objects.filter(user=user).delete()
    Response.objects.filter(user=user).delete()


def partner_help(pair_id, user, pair_key_of, limit=5):
    """What my partner chose to show me about what helped them."""
    return _from_my_partner(SharedHelp, "response", pair_id, user, pair_key_of, limit)


def partner_check_ins(pair_id, user, pair_key_of, limit=CHECK_INS_SHOWN_MAX):
    """The check-ins my partner chose to show me, newest first."""
    return _from_my_partner(SharedCheckIn, "check_in", pair_id, user, pair_key_of, limit)
