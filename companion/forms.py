from collections.abc import Callable

from django import forms
from django.urls import Resolver404, resolve

from conditions.models import Condition, Page
from conversations.models import Script

from .models import ProblemReport

# Pages of shipped content a reader can report a problem with: URL name -> the content behind it.
REPORTABLE: dict[str, Callable[..., bool]] = {
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
    """ "Report a problem with this page": the page it is about and what is wrong. Nothing about the sender."""

    class Meta:
        model = ProblemReport
        fields = ["page", "text"]
        labels = {"text": "What is wrong or missing?"}
        help_texts = {"text": "Please do not include your name or anything that identifies you."}
        widgets = {"page": forms.HiddenInput, "text": forms.Textarea(attrs={"rows": 4})}
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
