from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from conversations.models import AnswerCount
from editorial.page_cache import shared_page
from partners.http import address_group, client_ip, page_or_fragment
from partners.models import Invite, RateLimit
from programme.models import NotTonight

from .forms import ProblemReportForm


@require_safe
@shared_page
def home(request):
    return render(request, "companion/home.html")


NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def period_in_words(days):
    """730 -> "two years", 365 -> "one year", 400 -> "400 days"."""
    years, rest = divmod(days, 365)
    if rest or not years:
        return f"{days} days"
    number = NUMBER_WORDS[years] if years < len(NUMBER_WORDS) else str(years)
    return f"{number} year{'s' if years > 1 else ''}"


@require_safe
@shared_page
def privacy(request):
    context = {
        "forget_idle_after": period_in_words(settings.FORGET_IDLE_AFTER_DAYS),
        "invite_hours": int(Invite.LIFETIME.total_seconds() // 3600),
        "idle_hours": settings.SESSION_COOKIE_AGE // 3600,
        "tries_kept_hours": int(RateLimit.KEPT_FOR.total_seconds() // 3600),
        "not_tonight_hours": NotTonight.NOTICE_HOURS,
        "answer_changes_before_hold": AnswerCount.HOLD_AFTER,
        "sends_error_reports": bool(settings.SENTRY_DSN),
    }
    return render(request, "companion/privacy.html", context)


def page_not_found(request, exception):
    # Django's own handler adds requires_csrf_token, which reads a POST's body: see handler404 in companion/urls.py.
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    # A form sent after its page's token ran out (signed in again elsewhere, a page left open): said kindly.
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception):
    # Self-contained, and never reads the request: its body may be what could not be decoded.
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def server_error(request):
    # Self-contained on purpose: no static files, database or context that could fail again.
    return HttpResponseServerError(loader.get_template("500.html").render())


REPORTS_PER_ADDRESS_PER_HOUR = 5
REPORTS_PER_HOUR = 200  # everyone together: past it, one report in KEEP_ONE_IN is kept, so storage stays bounded
KEEP_ONE_IN = 20


@csrf_exempt  # Stores nothing about the sender and changes nothing, so it needs no cookie: see docs/content.md.
@require_http_methods(["GET", "HEAD", "POST"])
def report_problem(request):
    """ "Report a problem with this page": stores the page and the words only, never who sent them.

    A flood from many addresses never silences it: past the hourly cap for everyone, the reader is still
    thanked and a sample of the reports is kept."""
    form = ProblemReportForm(
        request.POST or None, auto_id="report-%s", initial={"page": request.GET.get("page", "")[:200]}
    )
    throttled = False
    if request.method == "POST" and form.is_valid():
        address = address_group(client_ip(request), 48)
        throttled = RateLimit.hit("problem-report", address, window_seconds=3600) > REPORTS_PER_ADDRESS_PER_HOUR
        if not throttled:
            past_cap = RateLimit.hit("problem-report", "everyone", window_seconds=3600) - REPORTS_PER_HOUR
            if past_cap <= 0 or past_cap % KEEP_ONE_IN == 0:
                form.save()
            context = {"sent": True, "page": form.cleaned_data["page"]}
            return page_or_fragment(request, "companion/report_problem.html", "content", context)
    status = 429 if throttled else 422 if form.errors else 200
    context = {"form": form, "throttled": throttled, "page": form["page"].value()}
    return page_or_fragment(request, "companion/report_problem.html", "content", context, status=status)
