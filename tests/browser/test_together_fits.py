"""On a 390x844 phone, a Together step shows the item, the answer and Back/Next without scrolling,
for every shipped idea and every step of every script, light and dark."""

import pytest

from conversations.models import Idea, Script, TogetherSession
from partners.models import Pair

pytestmark = pytest.mark.django_db(transaction=True)
SCREEN_HEIGHT = 844


def signed_in_phone(phone_factory, django_user_model, color_scheme):
    ana = django_user_model.objects.create_user("fits-ana", password="a long walk by the river")
    ben = django_user_model.objects.create_user("fits-ben", password="a long walk by the river")
    pair = Pair.of(ana, ben)
    phone = phone_factory(color_scheme=color_scheme)
    phone.goto("/account/sign-in/")
    phone.page.get_by_label("Username").fill("fits-ana")
    phone.page.get_by_label("Passphrase").fill("a long walk by the river")
    phone.page.get_by_role("button", name="Sign in").click()
    phone.page.wait_for_url("**/account/")
    return phone, pair


def bottom_of_the_move_button(phone, last):
    phone.goto("/together/")
    phone.page.evaluate("window.scrollTo(0, 0)")
    button = phone.page.get_by_role("button", name="Finish together" if last else "Next", exact=True)
    box = button.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_every_item_fits_one_screen(phone_factory, django_user_model, color_scheme):
    phone, pair = signed_in_phone(phone_factory, django_user_model, color_scheme)
    too_tall = []
    for script in [None, *Script.objects.current()]:
        session = TogetherSession.objects.create(pair=pair, script=script)
        total = session.length()
        for position in range(1, total + 1):
            TogetherSession.objects.filter(pk=session.pk).update(position=position)
            bottom = bottom_of_the_move_button(phone, last=position == total)
            if bottom > SCREEN_HEIGHT:
                too_tall.append((script.slug if script else "ideas", position, round(bottom)))
        phone.goto("/")  # off Together before the session ends under it
        session.end()
    assert too_tall == []
    assert Idea.objects.current().count() >= 52
