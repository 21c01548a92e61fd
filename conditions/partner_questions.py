"""Questions the supporting partner would like asked at the other's appointment, shown only once they agree.

Partners say clinicians never ask them anything. Here one partner writes a few questions and agrees that the
other may see them, put them on their appointment sheet and take them into a clinician link. The questions are
sealed under the pair key (only the two of them can read them), padded to one size, and taken back at any time,
or when either partner leaves the pair. The partner with pain chooses whether they go on the sheet and the link.
"""

from django import forms
from django.db import transaction
from django.utils import timezone

from partners import keys
from partners.http import get_membership_or_none
from partners.keyring import open_pair_key
from partners.models import Membership

from . import clinician_links
from .models import PartnerQuestions


class PartnerQuestionsForm(forms.Form):
    questions = forms.CharField(
        label="Your questions, one on each line",
        help_text=f"Up to {PartnerQuestions.MOST} questions, each up to {PartnerQuestions.MAX_CHARS} characters.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=PartnerQuestions.MOST * (PartnerQuestions.MAX_CHARS + 2),
        error_messages={"required": "Write at least one question. To remove them all, use “Take my questions back”."},
    )
    agreed = forms.BooleanField(error_messages={"required": "Please tick the box to agree, or nothing is shown."})

    def __init__(self, *args, partner_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "agreed"
        ].label = f"I agree that {partner_name} can see these questions, and take them to their appointment"

    def clean_questions(self):
        typed = self.cleaned_data["questions"].replace("\r\n", "\n").replace("\r", "\n")
        lines = [line.strip() for line in typed.split("\n") if line.strip()]  # only real line breaks split
        if not lines:
            raise forms.ValidationError(self.fields["questions"].error_messages["required"])
        if len(lines) > PartnerQuestions.MOST:
            raise forms.ValidationError(
                f"That is {len(lines)} questions. Please keep it to {PartnerQuestions.MOST}, one on each line."
            )
        if any(len(line) > PartnerQuestions.MAX_CHARS for line in lines):
            raise forms.ValidationError(
                f"One question is longer than {PartnerQuestions.MAX_CHARS} characters. Please make it shorter."
            )
        return lines


def _opened(row, pair_key):
    try:
        return list(keys.unseal_json(pair_key, row.sealed, row.row_context())["questions"])
    except (keys.Unreadable, KeyError, TypeError):
        return None


def of_the_pair(pair_id, pair_key):
    """{author id: their questions} for the pair, opened with the pair key (one query)."""
    if pair_key is None:
        return {}
    opened = {row.author_id: _opened(row, pair_key) for row in PartnerQuestions.objects.filter(pair_id=pair_id)}
    return {author: questions for author, questions in opened.items() if questions}


def _sealed(pair_key, pair_id, author_id, questions):
    context = PartnerQuestions.sealing_context(pair_id, author_id)
    return keys.seal_json(pair_key, {"questions": questions}, context, PartnerQuestions.SEALED_BYTES)


def save(pair_id, author, questions, pair_key):
    """`author`'s questions (already checked by the form), shown to their partner from now on."""
    sealed = _sealed(pair_key, pair_id, author.pk, questions)
    PartnerQuestions.objects.update_or_create(
        pair_id=pair_id, author=author, defaults={"sealed": sealed, "agreed_at": timezone.now()}
    )


def take_back(pair_id, author) -> int:
    """My questions are gone, and so is any link of my partner's that carries them (how many: 0 or 1)."""
    PartnerQuestions.objects.filter(pair_id=pair_id, author=author).delete()
    partner_ids = Membership.objects.filter(pair_id=pair_id).exclude(user=author).values_list("user_id", flat=True)
    return clinician_links.cancel_holding_questions(list(partner_ids))


# --- The registry's hooks (conditions/apps.py) --------------------------------------


def forget_when_a_seat_is_freed(pair_id, user):
    """Either partner left: what each had shown the other goes, with any link that carries it."""
    PartnerQuestions.objects.filter(pair_id=pair_id).delete()
    members = Membership.objects.filter(pair_id=pair_id).values_list("user_id", flat=True)
    clinician_links.cancel_holding_questions([user.pk, *members])


@transaction.atomic
def reseal(user, old_data_key, new_data_key, pair):
    """A re-key made a new pair key: both partners' questions move to it, in place."""
    if pair is None:
        return
    for row in PartnerQuestions.objects.filter(pair_id=pair.pair_id):
        questions = _opened(row, pair.old_key)
        if questions is None:
            row.delete()
            continue
        row.sealed = _sealed(pair.new_key, row.pair_id, row.author_id, questions)
        row.save(update_fields=["sealed"])


def export(user, data_key):
    """My own questions, for "Download my data"."""
    membership = get_membership_or_none(user, fresh=True)
    row = PartnerQuestions.objects.filter(pair_id=membership.pair_id, author=user).first() if membership else None
    pair_key = open_pair_key(data_key, membership) if row and membership else None
    mine = (_opened(row, pair_key) or []) if row and pair_key else []
    return {"appointment": {"my_questions_for_my_partners_appointment": mine}}
