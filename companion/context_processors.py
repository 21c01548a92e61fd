from functools import cache

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

NAV = {
    "home": "home",
    "library": "conditions:index",
    "what_to_do": ("pages:page", "what-to-do"),
    "support": ("pages:page", "support"),
    "what_can_help": ("pages:page", "what-can-help"),
    "for_partners": ("pages:page", "for-partners"),
    "guide": "conditions:where_does_it_hurt",
    "talk": "conversations:list",
    "ideas": "conversations:ideas",
    "together": "conversations:together",
    "programme": "programme:home",
    "account": "account:home",
    "sign_in": "account:sign_in",
    "sign_out": "account:sign_out",
    "privacy": "privacy",
    "report_problem": "report_problem",
}


ASSETS = {"css": "css/site.css", "js": "js/site.js", "exit_guard": "js/exit-guard.js", "icon": "icons/icon.svg"}


@cache
def layout_urls():
    """The layout's links and asset URLs, worked out once per process rather than on every page."""
    nav = {
        key: reverse(name) if isinstance(name, str) else reverse(name[0], args=name[1:]) for key, name in NAV.items()
    }
    return nav, {key: static(path) for key, path in ASSETS.items()}


def site(request):
    nav, assets = layout_urls()
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL, "nav": nav, "assets": assets}
