"""Shipped content is read-only in the admin, with a line saying where to edit it."""

import pytest

from conditions.models import Condition
from conversations.models import Idea, Script

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "model, folder",
    [
        (Condition, "conditions/content/conditions/"),
        (Script, "conversations/content/scripts/"),
        (Idea, "conversations/content/ideas/"),
    ],
)
def test_it_is_read_only_and_says_where_to_edit(admin_client, model, folder):
    item = model.objects.first()
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    listing = admin_client.get(url).content.decode()
    assert folder in listing and "load_content" in listing
    page = admin_client.get(f"{url}{item.pk}/change/").content.decode()
    assert folder in page and 'name="_save"' not in page
    assert admin_client.post(f"{url}{item.pk}/change/", {}).status_code == 403
    assert admin_client.get(f"{url}add/").status_code == 403
    assert admin_client.post(f"{url}{item.pk}/delete/", {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=item.pk).exists()
