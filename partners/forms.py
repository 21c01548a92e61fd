from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from .models import User, normalise_code

BAD_CODE = "That code didn't work. Check it with your partner, or ask them for a new one."


class SignUpForm(UserCreationForm):
    """A username and a passphrase. No email, phone or real name."""

    class Meta:
        model = User
        fields = ["username"]
        help_texts = {"username": "Any name you like, ideally not your real one. Letters, digits and @/./+/-/_ only."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = "Passphrase"
        self.fields["password1"].help_text = (
            "At least 12 characters. A few words you will remember works well, like “blue kettle on the windowsill”."
        )
        self.fields["password2"].label = "The same passphrase again"
        self.fields["password2"].help_text = ""
        self.fields["username"].max_length = 40
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none")


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "That username and passphrase don't match. Check both and try again.",
        "inactive": "This account can't sign in.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Passphrase"


class ConfirmPassphraseForm(forms.Form):
    passphrase = forms.CharField(label="Your passphrase, to confirm", strip=False, widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_passphrase(self):
        passphrase = self.cleaned_data["passphrase"]
        if authenticate(username=self.user.username, password=passphrase) is None:
            raise forms.ValidationError("That passphrase doesn't match. Nothing has been deleted.")
        return passphrase


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
