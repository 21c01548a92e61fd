from django import forms

from .models import Choice, Idea, Mark, Side, normalise_code

CLEAR = "clear"
BAD_CODE = "That code didn't work. Check it with your partner, or ask them for a new one."


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


class JoinForm(forms.Form):
    code = forms.CharField(
        label="Invite code",
        max_length=40,
        help_text="8 letters and numbers, like ABCD-2345. Your partner sees it on their phone.",
        error_messages={"required": "Type the code from your partner's phone."},
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != 8:
            raise forms.ValidationError(BAD_CODE)
        return code


class PairSettingsForm(forms.Form):
    show_maybes = forms.BooleanField(
        required=False, label="Show ideas where one of us said yes and the other maybe (only if we both turn this on)"
    )
    hide_matches = forms.BooleanField(required=False, label="Hide “Both of us” for our pair")
