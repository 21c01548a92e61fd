from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from editorial.page_cache import shared_page
from partners import keyring, registry
from partners.http import address_group, client_ip, page_or_fragment
from partners.models import RateLimit
from partners.qr import qr_svg
from partners.seats import Seat

from . import clinician_links, partner_questions
from .finding import FindForm, find
from .guide import WhereDoesItHurtForm, suggest
from .models import Condition, Page
from .urgent import help_numbers

WHERE_FILTERS = [("entrance", "At the entrance"), ("deep", "Deep inside")]


@require_safe
@shared_page(query=("where",))
def library_index(request):
    where = request.GET.get("where", "")
    where_label = dict(WHERE_FILTERS).get(where)
    if where and not where_label:
        return redirect("conditions:index")  # an unknown filter: the whole library, at its one address
    conditions = Condition.objects.felt(where) if where_label else Condition.objects.all()
    context = {
        "conditions": list(conditions),
        "where": where if where_label else "",
        "where_label": where_label,
        "where_filters": WHERE_FILTERS,
        "shelves": Page.objects.on_shelves(),
    }
    return page_or_fragment(request, "conditions/index.html", "library", context)


@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_post_parameters("words")
def find_a_topic(request):
    """Words are posted, like the guide's answers, so what someone looks for stays out of URLs and logs."""
    form = FindForm(request.POST if request.method == "POST" else None)
    context = {"form": form}
    if form.is_valid():
        context["found"] = find(form.cleaned_data["words"], [*Condition.objects.all(), *Page.objects.all()])
    return page_or_fragment(request, "conditions/find.html", "found", context, status=422 if form.errors else 200)


@require_safe
@shared_page
def condition_detail(request, slug):
    condition = get_object_or_404(Condition, slug=slug)
    # The tab says which page this is (by number) without naming a condition: a shared screen stays discreet.
    return render(request, "conditions/detail.html", {"condition": condition})


@require_safe
@shared_page
def page(request, slug):
    """A library page that is not about one condition, e.g. "What can help now"."""
    return render(request, "conditions/page.html", {"page": get_object_or_404(Page, slug=slug)})


def own_notes(request):
    """What other apps add to a person's own sheet (e.g. a summary of their solo practice), opened with their key."""
    if not request.user.is_authenticated:
        return []
    data_key = keyring.data_key(request)
    notes = (make(request.user, data_key) for make in registry.each("sheet_note"))
    return [note for note in notes if note]


def _guide_answers(form, conditions):
    """What the guide's answers lead to: urgent advice first, then pages worth raising and other causes."""
    return {
        "advice": form.urgent_advice(),
        "suggestions": suggest(form.answer_keys(), conditions),
        "other_causes": form.other_causes(),
        "pointers": form.pointers(),
        "numbers": help_numbers(),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def where_does_it_hurt(request):
    """A plain form; answers are posted (kept out of URLs and logs) and never stored."""
    form = WhereDoesItHurtForm(request.POST if request.method == "POST" else None)
    context = {"form": form}
    editing = request.POST.get("edit") == "1"  # back from the sheet: show the form, answers kept
    if form.is_valid() and not editing:
        context.update(
            _guide_answers(form, list(Condition.objects.all())),
            more_to_read=Page.objects.in_order_of(form.pages_to_read()),
        )
    return page_or_fragment(
        request, "conditions/where_does_it_hurt.html", "guide", context, status=422 if form.errors else 200
    )


@require_http_methods(["GET", "HEAD", "POST"])
def appointment_sheet(request):
    """A printable sheet; with posted guide answers it includes them, urgent advice first."""
    form = WhereDoesItHurtForm(request.POST if request.method == "POST" else None)
    conditions = list(Condition.objects.all())
    context = {"form": form, "answered": False, "conditions": conditions, "own_notes": own_notes(request)}
    context.update(_partners_questions(Seat.of(request)))
    context["live_link"] = clinician_links.live(request.user) if request.user.is_authenticated else None
    if form.is_valid():
        context.update(answered=True, answers=form.answer_labels(), **_guide_answers(form, conditions))
        context["suggested_questions"] = form.sheet_questions(context["suggestions"])
    return render(request, "conditions/appointment.html", context)


def _questions_from_my_partner(seat):
    """What my partner chose to show me for my appointment ([] outside a full pair)."""
    if seat is None or seat.partner is None:
        return []
    return partner_questions.of_the_pair(seat.pair_id, seat.pair_key).get(seat.partner.user_id, [])


def _partners_questions(seat):
    """My partner's questions for my sheet, and whether to offer to write mine for theirs."""
    if seat is None or seat.partner is None:
        return {}
    return {
        "partner_name": seat.partner_name,
        "partner_questions": _questions_from_my_partner(seat),
        "offer_to_write_questions": seat.lives_with_pain.get(seat.partner.pk) is True,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def write_partner_questions(request):
    """My questions for my partner's appointment: shown to them only once I tick that I agree."""
    seat = Seat.of(request)
    if seat is None or not seat.is_full:
        return render(request, "conditions/partner_questions.html", {"no_partner": True})
    pair_key = seat.pair_key
    mine = partner_questions.of_the_pair(seat.pair_id, pair_key).get(request.user.pk, [])
    form = partner_questions.PartnerQuestionsForm(
        request.POST if request.method == "POST" else None,
        initial={"questions": "\n".join(mine)},
        partner_name=seat.partner_name,
    )
    if form.is_valid() and pair_key is not None:
        partner_questions.save(seat.pair_id, request.user, form.cleaned_data["questions"], pair_key)
        messages.success(request, f"{seat.partner_name} can see your questions now. You can change or take them back.")
        return redirect("conditions:partner_questions")
    if form.is_valid():
        messages.error(request, keyring.PAIR_KEY_NOT_HERE_YET)
    context = {"form": form, "mine": mine, "partner_name": seat.partner_name}
    return render(request, "conditions/partner_questions.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def take_back_partner_questions(request):
    seat = Seat.of(request)
    also = ""
    if seat is not None and partner_questions.take_back(seat.pair_id, request.user):
        also = f" The link {seat.partner_name} made for a clinician with them was cancelled too."
    messages.success(request, f"Your questions are taken back. Your partner cannot see them now.{also}")
    return redirect("conditions:partner_questions")


# --- A one-time link to my sheet, for a clinician (conditions/clinician_links.py) ----------

SPENT = (
    "This link has been opened already, was cancelled, or is more than a day old, so it shows nothing now. "
    "Please ask the person for a new link, or for their printed sheet."
)
INCOMPLETE = (
    "This link is not complete: part of it is missing or changed. Nothing was opened, so the link still works. "
    "Please check it was copied in full, or scan the QR code again."
)
LINKS_PER_HOUR = 20  # one person's; far past what an appointment needs, and they can use the newest one
REFUSED_OPENS_PER_HOUR = 100  # from one address: a link that is right never counts
TOO_MANY_TRIES = (
    "Too many links that could not be opened were tried from here in the last hour. Nothing was opened. "
    "Please wait a while, then try again, or ask the person for their printed sheet."
)
NO_KEY = (
    "This page no longer holds the link's key: it leaves the address bar as the page opens, so a reload loses it. "
    "Nothing was opened, so the link still works. Please open it again from the QR code or the message it came in."
)


def _sheet_for_a_clinician(request, form):
    """What the link carries: the sheet's personal parts (answers, among them any warning signs ticked, what to ask
    about, my own notes and questions). The general questions are the same for everyone: the clinician's page
    shows them itself."""
    sheet: dict[str, object] = {"made_on": date_format(timezone.localdate(), "j F Y"), "answers": [], "suggestions": []}
    sheet["questions"] = []
    if form.is_valid():
        suggestions = suggest(form.answer_keys(), list(Condition.objects.all()))
        sheet.update(
            answers=[[label, values] for label, values in form.answer_labels()],
            suggestions=[suggestion.condition.name for suggestion in suggestions],
            questions=form.sheet_questions(suggestions),
        )
    sheet["notes"] = [[heading, lines] for heading, lines, _figure in own_notes(request)]
    with_theirs = request.POST.get("with_partner_questions") == "1"
    sheet["partner_questions"] = _questions_from_my_partner(Seat.of(request)) if with_theirs else []
    return sheet


@login_required
@require_POST
def make_clinician_link(request):
    """A one-time link (and QR code) to this sheet, shown once: the key in it is kept nowhere."""
    form = WhereDoesItHurtForm(request.POST)
    if any(name in request.POST for name in form.fields) and not form.is_valid():
        messages.error(request, "Some answers did not come through, so no link was made. Nothing was changed.")
        return redirect("conditions:appointment")
    if RateLimit.hit("clinician-link-made", request.user.pk, window_seconds=3600) > LINKS_PER_HOUR:
        messages.error(
            request, "You have made many links in the last hour, so no new one was made. Your newest link still works."
        )
        return redirect("conditions:appointment")
    link, key = clinician_links.make(request.user, _sheet_for_a_clinician(request, form))
    url = f"{request.build_absolute_uri(reverse('clinician_sheet', args=[link.token]))}#{key}"
    seat = Seat.of(request)
    context = {"link": link, "url": url, "qr": qr_svg(url), "partner_name": seat.partner_name if seat else None}
    return render(request, "conditions/clinician_link_made.html", context)


@login_required
@require_POST
def cancel_clinician_link(request):
    if clinician_links.cancel_all(request.user):
        messages.success(request, "Your link was cancelled. Nobody can open it now.")
    elif opened_at := clinician_links.last_opened_at(request.user):
        when = date_format(timezone.localtime(opened_at), "H:i \\o\\n j F")
        messages.info(request, f"Your link had already been opened, at {when}, so there was nothing left to cancel.")
    else:
        messages.info(request, "There was no link to cancel: it had been cancelled already, or had run out.")
    return redirect("conditions:appointment")


@never_cache
@require_safe
def clinician_sheet(request, token):
    """The page a clinician opens, with no account: their browser opens the sheet with the key in the #fragment."""
    if not clinician_links.well_formed(token):
        return render(request, "conditions/clinician_sheet.html", {"spent": INCOMPLETE}, status=404)
    if clinician_links.usable(token) is None:
        return render(request, "conditions/clinician_sheet.html", {"spent": SPENT}, status=410)
    context = {"token": token, "spent": SPENT, "incomplete": INCOMPLETE, "no_key": NO_KEY}
    response = render(request, "conditions/clinician_sheet.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_POST
def open_clinician_sheet(request, token):
    """The sealed sheet, once, for a browser that holds the right key (it sends the key's SHA-256, never the key)."""
    address = address_group(client_ip(request), 48)
    if RateLimit.attempts("clinician-link-refused", address, window_seconds=3600) >= REFUSED_OPENS_PER_HOUR:
        return JsonResponse({"message": TOO_MANY_TRIES}, status=429)
    if not clinician_links.well_formed(token):
        RateLimit.hit("clinician-link-refused", address, window_seconds=3600)
        return JsonResponse({"message": INCOMPLETE}, status=404)
    try:
        sealed = clinician_links.open_once(token, str(request.POST.get("check", ""))[:100])
    except clinician_links.Refused as refused:
        RateLimit.hit("clinician-link-refused", address, window_seconds=3600)
        if refused.reason == "wrong key":
            return JsonResponse({"message": INCOMPLETE}, status=400)
        return JsonResponse({"message": SPENT}, status=410)
    return JsonResponse({"sealed": clinician_links.encode(sealed)})
