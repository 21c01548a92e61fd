from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, UserCreationForm
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from . import names
from .models import INVITE_CODE_LENGTH, User, normalise_code

MIN_PASSPHRASE_LENGTH = next(
    validator.min_length
    for validator in password_validation.get_default_password_validators()
    if isinstance(validator, password_validation.MinimumLengthValidator)
)
NO_MATCH = "That name and recovery code don't match. Check both, including the dashes."
UNUSABLE_HASH = make_password(None)

CODE_TYPO = f"A code has {INVITE_CODE_LENGTH} letters and numbers, like ABCD-2345. Please check it for typos."
# The same words for a wrong, used, cancelled or expired code, so a guesser learns nothing.
BAD_CODE = (
    "That code didn't work. It may have a typo, or it may have been used, cancelled or run out. "
    "Please check it with your partner, or ask them to make a new one."
)


PASSPHRASE_HELP = (
    f"At least {MIN_PASSPHRASE_LENGTH} characters. A few words you will remember works well, "
    "like “blue kettle on the windowsill”."
)


def _passphrase_fields(form, first, second):
    form.fields[first].label = "Passphrase" if first == "password1" else "New passphrase"
    form.fields[first].help_text = PASSPHRASE_HELP
    form.fields[second].label = "The same passphrase again"
    form.fields[second].help_text = ""


class SignUpForm(UserCreationForm):
    """A username and a passphrase. No email, phone or real name."""

    class Meta:
        model = User
        fields = ["username"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _passphrase_fields(self, "password1", "password2")
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none")
        self.fields["username"].widget.attrs.pop("autofocus", None)  # let the page's heading and intro be read first

    def clean_username(self):
        username = super().clean_username()
        if User.objects.filter(name_key=names.name_key(username)).exists():
            raise forms.ValidationError("That name is taken, or looks too like one that is. Please choose another.")
        return username

    def create_account(self):
        """(the new user, their data key): first keys made and sealed under the passphrase, the key returned once."""
        user = forms.ModelForm.save(self, commit=False)  # the name only: the passphrase is set here, once
        user.set_password(self.cleaned_data["password1"])
        data_key = user.make_keys(self.cleaned_data["password1"])
        user.save()
        return user, data_key


class ChangePassphraseForm(PasswordChangeForm):
    """The current passphrase, then a new one; saving ends every other session."""

    rekey = forms.BooleanField(
        required=False,
        initial=True,
        label="Also give my private records a new key",
        help_text="Choose this if someone else may have known your old passphrase: even with an old backup, it will "
        "open nothing you have now. You will get a new recovery code to write down.",
    )

    def __init__(self, user, *args, data_key=None, **kwargs):
        """`data_key`: the one this session holds, if any (else the current passphrase opens it)."""
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = "Your current passphrase"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)  # the heading and intro are read first
        _passphrase_fields(self, "new_password1", "new_password2")
        self.data_key = data_key

    def save(self, commit=True, resealers=()):
        """`resealers`: each app's `reseal`, used when the person asked for a new key (`rekeyed` says so).
        Afterwards `data_key` is the key the new passphrase opens (None if no key opened)."""
        new = self.cleaned_data["new_password1"]
        key = self.data_key or self.user.unlock(self.cleaned_data["old_password"])
        self.rekeyed = bool(self.cleaned_data.get("rekey")) and key is not None
        if self.rekeyed:
            self.data_key = self.user.rekey(new, key, resealers)
            return self.user
        self.user.set_passphrase(new, key) if key else self.user.set_password(new)
        self.user.session_epoch += 1
        self.user.save()
        self.data_key = key
        return self.user


class RecoverForm(forms.Form):
    """Forgot the passphrase: the name, the one-time recovery code, and a new passphrase."""

    username = forms.CharField(
        label="Your username",
        max_length=names.MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}),
    )
    recovery_code = forms.CharField(
        label="Your recovery code",
        max_length=40,
        help_text="The code you wrote down when you made the account, like ABCD-EFGH-JKLM-NPQR.",
        error_messages={"required": "Type the recovery code you wrote down."},
    )
    new_password1 = forms.CharField(strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    new_password2 = forms.CharField(strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _passphrase_fields(self, "new_password1", "new_password2")
        self.user: User | None = None

    def clean(self):
        data = super().clean() or {}
        user = User.objects.filter(name_key=names.name_key(data.get("username", ""))).first()
        code = data.get("recovery_code", "")
        if user is None:
            check_password(code, UNUSABLE_HASH)  # the same work whether or not the name exists
        if user is None or not code or not user.recovery_code_matches(code):
            self.add_error("recovery_code", forms.ValidationError(NO_MATCH, code="no_match"))
            return data
        self.user = user
        new, again = data.get("new_password1"), data.get("new_password2")
        if new and again and new != again:
            self.add_error("new_password2", "The two passphrases are not the same.")
        elif new:
            try:
                password_validation.validate_password(new, user)
            except forms.ValidationError as error:
                self.add_error("new_password1", error)
        return data

    @transaction.atomic
    def save(self):
        """(user, the data key the code opened, or None), or None if the code was used a moment ago (a code works
        once). The key is kept under the new passphrase."""
        assert self.user is not None, "save() only after is_valid()"
        if not self.user.use_recovery_code(self.cleaned_data["recovery_code"]):
            return None
        key = self.user.unlock_with_recovery_code(self.cleaned_data["recovery_code"])
        new = self.cleaned_data["new_password1"]
        self.user.set_passphrase(new, key) if key else self.user.set_password(new)
        self.user.session_epoch += 1
        self.user.save()
        return self.user, key


class SignInForm(AuthenticationForm):
    """Django's sign-in form with our words; no autofocus, so the heading is read first."""

    error_messages = {
        "invalid_login": "That username and passphrase don't match. Check both and try again.",
        "inactive": "This account can't sign in.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Passphrase"
        self.fields["username"].widget.attrs.pop("autofocus", None)


class ConfirmPassphraseForm(forms.Form):
    passphrase = forms.CharField(
        label="Your passphrase, to confirm",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    mismatch = "That passphrase doesn't match. Nothing has been deleted."

    def clean_passphrase(self):
        passphrase = self.cleaned_data["passphrase"]
        if authenticate(username=self.user.username, password=passphrase) is None:
            raise forms.ValidationError(self.mismatch)
        return passphrase


class UnlockForm(ConfirmPassphraseForm):
    """Open this person's records again with their passphrase; if it no longer opens them, start afresh."""

    mismatch = "That passphrase doesn't match. Nothing has changed."

    start_afresh = forms.BooleanField(
        required=False,
        label="Delete my earlier private answers, ratings and notes, and start afresh. I understand nobody can read them back.",
    )

    reset_line = (
        "Your passphrase is right, but it no longer opens your private records. "
        "It was probably reset. Use your recovery code, or start afresh below."
    )

    def __init__(self, user, *args, reset=False, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["passphrase"].label = "Your passphrase"
        self.data_key = None  # what the passphrase opened
        # Shown once the passphrase is right but opens nothing: at once when sign-in found that (`reset`).
        self.offer_afresh = reset
        self.reset = reset

    @property
    def opened(self):
        return self.data_key is not None

    def clean(self):
        data = super().clean() or {}
        if "passphrase" in data:
            self.data_key = self.user.unlock(data["passphrase"])
            self.offer_afresh = not self.opened
            if not self.opened and not data.get("start_afresh"):
                self.add_error("start_afresh", self.reset_line)
        return data


LIVES_WITH_PAIN = [("yes", "Yes, I have pain during penetration"), ("no", "No, my partner does")]


def lives_with_pain_field(label="Do you live with the pain?"):
    return forms.TypedChoiceField(
        label=label,
        help_text="You can both say yes. You can change this later.",
        choices=LIVES_WITH_PAIN,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose yes or no. You can change it later."},
    )


class StartPairForm(forms.Form):
    lives_with_pain = lives_with_pain_field()


class JoinForm(forms.Form):
    code = forms.CharField(
        label="Invite code",
        max_length=40,
        help_text=f"{INVITE_CODE_LENGTH} letters and numbers, like ABCD-2345. Your partner sees it on their phone.",
        error_messages={"required": "Type the code from your partner's phone."},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "data-invite-code": ""}),
    )
    lives_with_pain = lives_with_pain_field()

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != INVITE_CODE_LENGTH:
            raise forms.ValidationError(CODE_TYPO)
        return code


class AnswerRequestForm(forms.Form):
    answer = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])


class PainAnswerForm(forms.Form):
    lives_with_pain = lives_with_pain_field("Do you live with the pain?")


class PairSettingsForm(forms.Form):
    show_maybes = forms.BooleanField(
        required=False, label="Show ideas where one of us said yes and the other maybe (only if we both turn this on)"
    )
    hide_matches = forms.BooleanField(required=False, label="Hide “Both of us” for our pair")
