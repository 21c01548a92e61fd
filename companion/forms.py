from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm

from django.urls import Resolver404, resolve

from conditions.models import Condition, Page
from conversations.models import Script

from .models import ProblemReport, User


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


# Pages of shipped content a reader can report a problem with: URL name -> the content behind it.
REPORTABLE = {
    "conditions:detail": lambda slug: Condition.objects.filter(slug=slug).exists(),
    "pages:page": lambda slug: Page.objects.filter(slug=slug).exists(),
    "conversations:script": lambda slug: Script.objects.filter(slug=slug).exists(),
    "conversations:ideas": lambda: True,
}


def reportable_page(path):
    try:
        match = resolve(str(path))
    except Resolver404:
        return False
    exists = REPORTABLE.get(match.view_name)
    return bool(exists and exists(**match.kwargs))


UNKNOWN_PAGE = "We could not tell which page this is about. Please use the link on the page itself."


class ProblemReportForm(forms.ModelForm):
    """"Report a problem with this page": the page it is about and what is wrong. Nothing about the sender."""

    class Meta:
        model = ProblemReport
        fields = ["page", "text"]
        labels = {"text": "What is wrong or missing?"}
        help_texts = {"text": "Please do not include your name or anything that identifies you."}
        widgets = {"page": forms.HiddenInput, "text": forms.Textarea(attrs={"rows": 4, "aria-describedby": "report-text-help"})}
        error_messages = {
            "text": {
                "required": "Please tell us what is wrong, in a few words.",
                "max_length": "Please keep it to %(limit_value)d characters, so we can read every report.",
                "null_characters_not_allowed": "Some characters did not come through. Please type the report again.",
            },
            "page": {"required": UNKNOWN_PAGE, "max_length": UNKNOWN_PAGE},
        }

    def clean_page(self):
        page = self.cleaned_data["page"]
        if not reportable_page(page):
            raise forms.ValidationError(UNKNOWN_PAGE)
        return page
