"""docs/clinical-review.md stays true to the site: every page, every source, every warning sign, rebuilt from content."""

import pytest
from django.core.management import CommandError, call_command

from companion.management.commands.clinical_review_pack import PACK, _claims_file, pack
from conditions.models import Condition, Page
from conditions.urgent import WARNING_SIGNS
from programme.models import SoloGuide, Stage

pytestmark = pytest.mark.django_db


def every_reviewed_item():
    return [*Condition.objects.all(), *Page.objects.all(), *Stage.objects.all(), *SoloGuide.objects.all()]


def test_the_committed_pack_is_up_to_date():
    call_command("clinical_review_pack", "--check")  # else: run `manage.py clinical_review_pack` and commit it


def test_every_page_has_its_claim_table_and_every_source_is_listed():
    text = PACK.read_text(encoding="utf-8")
    for item in every_reviewed_item():
        assert _claims_file(item).exists(), f"{_claims_file(item)} is missing"
        assert f"`{item.get_absolute_url()}`" in text
        for source in item.source_list:
            assert f"<{source.url}>" in text, (item.slug, source.url)
    assert "No clinician has reviewed this content yet." in text


def test_every_warning_sign_is_in_the_table_with_its_level():
    text = pack()
    for sign in WARNING_SIGNS:
        assert f"| {sign.label}" in text


def test_a_changed_source_makes_the_pack_out_of_date():
    page = Page.objects.get(slug="support")
    page.sources = [{**page.sources[0], "title": "A title the pack has never seen"}, *page.sources[1:]]
    page.save()
    with pytest.raises(CommandError, match="out of date"):
        call_command("clinical_review_pack", "--check")
