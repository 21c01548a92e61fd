from functools import cache

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

NAV = {
    "home": "home",
    "library": "conditions:index",
    "what_to_do": "what_to_do",
    "guide": "conditions:where_does_it_hurt",
    "talk": "conversations:list",
    "ideas": "conversations:ideas",
    "together": "conversations:together",
    "account": "account:home",
    "sign_in": "account:sign_in",
    "sign_out": "account:sign_out",
    "privacy": "privacy",
}


ASSETS = {"css": "css/site.css", "js": "js/site.js", "icon": "icons/icon.svg"}


@cache
def layout_urls():
    """The layout's links and asset URLs, worked out once per process rather than on every page."""
    return {key: reverse(name) for key, name in NAV.items()}, {key: static(path) for key, path in ASSETS.items()}


def site(request):
    nav, assets = layout_urls()
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL, "nav": nav, "assets": assets}
