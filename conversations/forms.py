from django import forms

from .models import Choice, Idea, Mark, Side

CLEAR = "clear"


class MarkForm(forms.Form):
    idea = forms.ModelChoiceField(queryset=Idea.objects.all(), to_field_name="slug", widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        choices=[*Choice.choices, (CLEAR, "No answer")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes, maybe or not for us."},
    )
    side = forms.ChoiceField(choices=Side.choices, widget=forms.RadioSelect, required=False)

    def clean(self):
        data = super().clean()
        idea = data.get("idea")
        if idea is not None and not idea.two_sided:
            data["side"] = Side.EITHER
        data["side"] = data.get("side") or Side.EITHER
        return data

    def save(self, user):
        idea, choice = self.cleaned_data["idea"], self.cleaned_data["choice"]
        if choice == CLEAR:
            Mark.objects.filter(user=user, idea=idea).delete()
            return None
        mark, _ = Mark.objects.update_or_create(
            user=user, idea=idea, defaults={"choice": choice, "side": self.cleaned_data["side"]}
        )
        return mark
