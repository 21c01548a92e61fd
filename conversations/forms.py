from django import forms
from django.db import transaction
from django.utils.html import format_html, format_html_join

from .models import AnswerCount, Choice, Idea, IdeaCategory, Script, Side

# One letter per answer, so what is sent and sent back has the same size whatever the answer.
CHOICE_CODES = {"y": Choice.YES, "m": Choice.MAYBE, "n": Choice.NO, "c": None}
# "u": no direction said (what a two-sided idea starts at, so a quick "Yes, Next" never records "either way"). It
# is kept as "" and, for "Both of us", matches as either way would: the yes is to the idea, and how is for talking.
SIDE_CODES = {"u": "", "e": Side.EITHER, "g": Side.GIVE, "r": Side.RECEIVE}
CHOICE_LABELS = [("y", "Yes, I'd like this"), ("m", "Maybe"), ("n", "Not for us"), ("c", "No answer yet")]


def _code_for(codes, value, default):
    return next((code for code, meaning in codes.items() if meaning == value), default)


class QuickRadioSelect(forms.RadioSelect):
    """Django's radio buttons, each option's <input> built here instead of from its two small templates: a card
    renders seven, and the markup is the same (django/forms/widgets/input.html with attrs.html)."""

    def _render(self, template_name, context, renderer=None):
        if template_name != self.option_template_name:
            return super()._render(template_name, context, renderer)  # type: ignore[misc]  # Django's own hook, not in the stubs
        option = context["widget"]
        value = "" if option["value"] is None else format_html(' value="{}"', option["value"])
        attrs = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", name) if on is True else format_html(' {}="{}"', name, on),)
                for name, on in option["attrs"].items()
                if on is not False
            ),
        )
        return format_html('<input type="{}" name="{}"{}{}>', option["type"], option["name"], value, attrs)


class MarkForm(forms.Form):
    """My own private answer on one idea; renders with exactly one option checked in each group."""

    idea = forms.ModelChoiceField(queryset=Idea.objects.current(), to_field_name="slug", widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label="My private answer",
        choices=CHOICE_LABELS,
        widget=QuickRadioSelect,
        error_messages={
            "required": "Please choose yes, maybe or not for us. Nothing changed.",
            "invalid_choice": "Please choose yes, maybe or not for us. Nothing changed.",
        },
    )
    side = forms.ChoiceField(
        label="If yes or maybe:",
        choices=[("u", "Not chosen"), ("e", "Either way"), ("g", "Giving"), ("r", "Receiving")],
        widget=QuickRadioSelect,
        required=False,
    )

    def __init__(self, data=None, *, idea=None, answer=None, compact=False, **kwargs):
        """`answer`: my saved (choice, side), or None."""
        choice, side = answer or (None, "")
        initial = {
            "idea": idea.slug if idea else None,
            "choice": _code_for(CHOICE_CODES, choice, "c"),
            "side": _code_for(SIDE_CODES, side, "u"),
        }
        super().__init__(data, initial=initial, **kwargs)
        choice_field, side_field = self.fields["choice"], self.fields["side"]
        assert isinstance(choice_field, forms.ChoiceField) and isinstance(side_field, forms.ChoiceField)
        if idea is not None and idea.two_sided and not compact:  # compact: the short words, as on a shared card
            side_field.choices = [
                ("u", "Not chosen"),
                ("e", "Either way"),
                ("g", idea.give_label),
                ("r", idea.receive_label),
            ]
        if compact:
            choice_field.choices = [("y", "Yes"), ("m", "Maybe"), ("n", "Not for us"), ("c", "No answer")]
            self.fields["choice"].label = "My answer (only I see it)"
            side_field.choices = [("u", "Not chosen"), ("e", "Either"), ("g", "Giving"), ("r", "Receiving")]

    def save(self, book, together=False):
        """Save, change or clear my answer in my own sealed book (private_marks.MarkBook). True if it changed.
        `together`: made with both phones on this idea in Together, so the change holds nothing back (AnswerCount)."""
        idea = self.cleaned_data["idea"]
        choice = CHOICE_CODES[self.cleaned_data["choice"]]
        side = SIDE_CODES[self.cleaned_data.get("side") or "u"] if idea.two_sided else Side.EITHER
        with transaction.atomic():
            changed = book.save(idea, choice, side)
            if changed and together:
                AnswerCount.count_change_together(book.user)
        return changed


class StartTogetherForm(forms.Form):
    """What a pair steps through together: all ideas, one category of ideas, or one conversation."""

    ALL_IDEAS = "ideas"

    what = forms.ChoiceField(widget=forms.RadioSelect, error_messages={"required": "Please choose what to go through."})

    CARRY_ON = "carry-on"

    # Which of the chosen ideas: all, or only ones not answered yet (by neither of us, by my partner, by me).
    which = forms.ChoiceField(widget=forms.RadioSelect, required=False, label="Which ideas")

    def __init__(self, *args, stopped=None, book=None, partner=None, lists_held=False, **kwargs):
        """`stopped`: the pair's last session, if they stopped it before the end (offered to carry on).
        `book` (my MarkBook) and `partner` (a Membership): for "only ideas not answered yet".
        `lists_held`: one of us is holding (AnswerCount), so no list may show who has answered what."""
        super().__init__(*args, **kwargs)
        self.stopped = stopped
        self.book, self.partner = book, partner
        self.lists_held = lists_held
        partner_name = partner.user.username if partner else "my partner"
        which_field, what_field = self.fields["which"], self.fields["what"]
        assert isinstance(which_field, forms.ChoiceField) and isinstance(what_field, forms.ChoiceField)
        which_field.choices = (
            [("all", "All of them")]
            if lists_held
            else [
                ("all", "All of them"),
                ("neither", "Only ones neither of us has answered yet"),
                ("partner", f"Only ones {partner_name} has not answered yet"),
                ("me", "Only ones I have not answered yet"),
            ]
        )
        self.fields["which"].error_messages["invalid_choice"] = (
            "Lists of ideas not answered yet are not open just now, so nothing started. Please choose “All of them”."
        )
        self.fields["which"].initial = "all"
        self.scripts = {f"script-{s.slug}": s for s in Script.objects.current()}
        self.categories = {f"ideas-{c.slug}": c for c in IdeaCategory.objects.all()}
        what_field.choices = [
            (
                "Ideas for closeness",
                [(self.ALL_IDEAS, "All ideas"), *((key, c.name) for key, c in self.categories.items())],
            ),
            ("A conversation", [(key, s.title) for key, s in self.scripts.items()]),
        ]
        self.fields["what"].initial = self.ALL_IDEAS
        if stopped is not None:
            kind = "idea" if stopped.is_ideas else "step"
            label = f"Carry on where we stopped: {stopped.what}, {kind} {stopped.position}"
            what_field.choices = [("Carry on", [(self.CARRY_ON, label)]), *what_field.choices]
            self.fields["what"].initial = self.CARRY_ON

    def carry_on_options(self):
        return [option for option in self["what"] if option.data["value"] == self.CARRY_ON]

    def idea_options(self):
        return [
            option
            for option in self["what"]
            if option.data["value"] not in self.scripts and option.data["value"] != self.CARRY_ON
        ]

    def conversation_options(self):
        return [option for option in self["what"] if option.data["value"] in self.scripts]

    def clean(self):
        cleaned = super().clean()
        assert cleaned is not None  # Form.clean gives back cleaned_data
        what, which = cleaned.get("what"), cleaned.get("which") or "all"
        if what and what != self.CARRY_ON and what not in self.scripts and which != "all":
            mine = self.book.membership
            not_by = {"neither": [mine, self.partner], "partner": [self.partner], "me": [mine]}[which]
            ideas = list(Idea.objects.current().in_order().in_category(self.categories.get(what)))
            answered = set().union(*self.book.answered(not_by, ideas).values())
            cleaned["idea_ids"] = [idea.pk for idea in ideas if idea.pk not in answered]
            if not cleaned["idea_ids"]:
                self.add_error(
                    "which", "Every idea there has an answer already. Choose “All of them” to go through them again."
                )
        return cleaned

    def session_fields(self):
        """{"script": ..., "category": ..., ...} for the chosen item (script and category both None for all ideas)."""
        what = self.cleaned_data["what"]
        if what == self.CARRY_ON:
            stopped = self.stopped
            return {
                "script": stopped.script,
                "category": stopped.category,
                "position": stopped.position,
                "idea_ids": stopped.idea_ids,
            }
        return {
            "script": self.scripts.get(what),
            "category": self.categories.get(what),
            "idea_ids": self.cleaned_data.get("idea_ids"),
        }


class MoveForm(forms.Form):
    """A tap on Back or Next: where to, and the version this phone last saw (a stale tap is refused)."""

    to = forms.IntegerField(min_value=1, max_value=100_000, widget=forms.HiddenInput)
    v = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    anyway = forms.BooleanField(
        required=False, widget=forms.HiddenInput
    )  # "go on anyway" while waiting for the partner


class PauseForm(forms.Form):
    paused = forms.BooleanField(required=False, widget=forms.HiddenInput)
