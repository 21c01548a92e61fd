import datetime
import uuid

from django import forms
from django.utils import timezone

from .models import CheckIn, Feeling, Practice, SoloStep

SCALE = [(n, str(n)) for n in range(Feeling.SCALE + 1)]
OUT_OF_RANGE = "Please choose a number from 0 to 10. Nothing was saved."
MINUTES_PLEASE = "Please say about how many minutes, from 0 to 120. Nothing was saved."


class ErrorsTiedToFields(forms.Form):
    """Each field with an error says so to a screen reader: aria-invalid, and aria-describedby naming the
    error's id (`<auto_id>_error`, shown by the template next to the field or in its fieldset's legend)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}_error"


class StageForm(forms.Form):
    """Which stage a "ready" or "go back" tap was made on: a tap made on an old page changes nothing."""

    stage = forms.IntegerField(min_value=1, max_value=99, widget=forms.HiddenInput)


class StartRunForm(forms.Form):
    """A session to start together: only from a stage the pair has both reached."""

    practice = forms.ModelChoiceField(queryset=Practice.objects.all(), widget=forms.HiddenInput)

    def __init__(self, *args, up_to_stage, **kwargs):
        super().__init__(*args, **kwargs)
        practice = self.fields["practice"]
        assert isinstance(practice, forms.ModelChoiceField)
        practice.queryset = Practice.objects.filter(stage__number__lte=up_to_stage)


def _rating(label, required=True):
    errors = {code: OUT_OF_RANGE for code in ("required", "invalid", "max_value", "min_value")}
    return forms.IntegerField(
        min_value=0,
        max_value=Feeling.SCALE,
        label=label,
        required=required,
        widget=forms.RadioSelect(choices=SCALE),
        error_messages=errors,
    )


def _note():
    return forms.CharField(
        required=False,
        max_length=1000,
        label="A note for yourself (optional)",
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        error_messages={
            "max_length": "Please keep the note under 1,000 characters. Nothing was saved.",
            "null_characters_not_allowed": "Please use letters and numbers in the note. Nothing was saved.",
        },
    )


class FeelingForm(ErrorsTiedToFields):
    """How a session felt to me: only ever shown to me, and saved sealed under my key."""

    practice = forms.ModelChoiceField(
        queryset=Practice.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That session is no longer in the programme. Nothing was saved."},
    )
    comfort = _rating("How comfortable did you feel? (0 not at all, 10 completely)")
    enjoyment = _rating("How much did you enjoy it? (0 not at all, 10 very much)")
    pain = _rating("Any pain? (0 none, 10 the worst; you can leave this one out)", required=False)
    note = _note()

    def clean_note(self):
        return self.cleaned_data["note"].strip()

    def save_to(self, diary):
        return diary.record_feeling(**self.cleaned_data)


class ReminderForm(forms.Form):
    """A calendar file with a neutral title the person chooses: no push, no email, nothing kept."""

    title = forms.CharField(
        max_length=60,
        initial="Time for us",
        label="Title in my calendar (something neutral)",
        error_messages={
            "max_length": "Please keep the title under 60 characters.",
            "required": "Please give it a title, such as “Time for us”.",
            "null_characters_not_allowed": "Please use letters and numbers in the title.",
        },
    )
    when = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": "Please choose a date and time.", "required": "Please choose a date and time."},
    )

    def clean_title(self):
        title = "".join(ch for ch in self.cleaned_data["title"] if ch.isprintable()).strip()
        if not title:
            raise forms.ValidationError("Please give it a title, such as “Time for us”.")
        return title

    def clean_when(self):
        when = self.cleaned_data["when"]
        now = timezone.now()
        if not now - datetime.timedelta(days=1) <= when <= now + datetime.timedelta(days=366):
            raise forms.ValidationError("Please choose a time within the next year.")
        return when

    def calendar_file(self):
        """An iCalendar event (RFC 5545): the title chosen, nothing else about the programme."""
        # The time as typed on the phone, with no zone: the calendar shows it at that local time.
        start = timezone.make_naive(self.cleaned_data["when"], datetime.UTC)
        end = start + datetime.timedelta(hours=1)
        stamp = timezone.now().astimezone(datetime.UTC)
        text = self.cleaned_data["title"].replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Companion//EN",
            "BEGIN:VEVENT",
            f"UID:{uuid.uuid4().hex}@companion",
            f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}",
            f"DTSTART:{start:%Y%m%dT%H%M%S}",
            f"DTEND:{end:%Y%m%dT%H%M%S}",
            f"SUMMARY:{text}",
            # A reminder a quarter of an hour before, saying only the title chosen (RFC 5545, 3.6.6).
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-PT15M",
            f"DESCRIPTION:{text}",
            "END:VALARM",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
        return "\r\n".join(lines) + "\r\n"


class SoloLogForm(ErrorsTiedToFields):
    """One practice of the solo steps, kept for its owner alone and saved sealed under their key."""

    step = forms.ModelChoiceField(
        queryset=SoloStep.objects.all(),
        empty_label=None,
        label="Which step",
        error_messages={
            "invalid_choice": "Please choose one of the steps. Nothing was saved.",
            "required": "Please choose one of the steps. Nothing was saved.",
        },
    )
    minutes = forms.IntegerField(
        min_value=0,
        max_value=120,
        label="About how many minutes",
        widget=forms.NumberInput(attrs={"min": 0, "max": 120, "inputmode": "numeric", "class": "text-input"}),
        error_messages={code: MINUTES_PLEASE for code in ("required", "invalid", "max_value", "min_value")},
    )
    pain = _rating("Any pain? (0 none, 10 the worst)")
    note = _note()

    def __init__(self, *args, guide=None, **kwargs):
        super().__init__(*args, **kwargs)
        step_field = self.fields["step"]
        assert isinstance(step_field, forms.ModelChoiceField)
        if guide is not None:
            step_field.queryset = guide.steps.all()
        assert step_field.queryset is not None  # the field's own steps, or the guide's
        step_field.queryset = step_field.queryset.select_related("guide")
        step_field.label_from_instance = lambda obj: f"Step {obj.number}: {obj.title}"  # type: ignore[method-assign]  # this field's own labels; mypy wants a subclass for that

    def clean_note(self):
        return self.cleaned_data["note"].strip()

    def save_to(self, diary):
        return diary.record_practice(**self.cleaned_data)


LEAVE_IT_OUT = "Leave this one out"
CHECK_IN_OUT_OF_RANGE = "Please choose a number from 0 to 10, or leave the question out. Nothing was saved."


class CheckInForm(ErrorsTiedToFields):
    """A check-in: the questions for this person (programme/check_ins.py), each one optional, saved sealed under
    their key. A check-in with every question left out saves nothing."""

    def __init__(self, *args, questions, partner_name=None, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            choices = [(str(n), str(n)) for n in range(CheckIn.SCALE + 1)]
            if question.not_tried:
                choices.append((str(CheckIn.NOT_TRIED), question.not_tried))
            choices.append(("", LEAVE_IT_OUT))  # chosen at first, so a tap can be taken back without JavaScript
            self.fields[question.key] = forms.TypedChoiceField(
                initial="",
                label=question.text,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": CHECK_IN_OUT_OF_RANGE},
            )
            self.fields[question.key].question = question  # type: ignore[attr-defined]  # its 0 and 10 labels
        if partner_name:  # a pair of two: my answers can be shown to my partner, if I tick it
            self.fields["show"] = forms.BooleanField(required=False, label=f"Show {partner_name} these answers")

    def clean(self):
        answers = super().clean() or {}
        if not self.errors and all(answers.get(question) is None for question in self.questions()):
            raise forms.ValidationError(
                "Please answer at least one question, or come back another day. Nothing was saved."
            )
        return answers

    def questions(self):
        return [name for name in self.fields if name != "show"]

    def save_to(self, diary):
        return diary.record_check_in({name: self.cleaned_data[name] for name in self.questions()})


class ResponseForm(ErrorsTiedToFields):
    """After a session together: how I responded, or what helped me (`asked`: programme.responses.Asked), kept
    for me alone; what helped can also be shown to my partner, if I tick it."""

    practice = forms.ModelChoiceField(
        queryset=Practice.objects.all(),
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "That session is no longer in the programme. Nothing was saved."},
    )

    def __init__(self, *args, asked, can_show=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked = asked
        self.fields["chosen"] = forms.MultipleChoiceField(
            label=asked.question,
            choices=[(option.key, option.text) for option in asked.options],
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": "Please choose at least one, or leave this for another time. Nothing was saved.",
                "invalid_choice": "Please choose from the list. Nothing was saved.",
            },
        )
        if can_show:
            self.fields["show"] = forms.BooleanField(required=False, label="Show my partner what helped")

    def save_to(self, diary):
        return diary.record_response(self.cleaned_data["practice"], self.asked.about, self.cleaned_data["chosen"])
