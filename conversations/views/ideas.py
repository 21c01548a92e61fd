from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from editorial.page_cache import shared_page, shared_part
from partners.http import page_or_fragment, safe_next
from partners.seats import Seat

from .. import together
from ..forms import MarkForm
from ..models import Choice, Idea, IdeaCategory
from .shared import both_of_us_context, my_book, my_mark_form, nearest_number


def _my_choice_labels(request):
    """({idea id: "Yes" / "Maybe" / "Not for us"}, how many of my answers could not be read) for the signed-in
    person's own marks, opened with their key."""
    if not request.user.is_authenticated:
        return {}, 0
    labels, book = dict(Choice.choices), my_book(request)
    return {idea_id: labels[choice] for idea_id, (choice, _) in book.all().items() if choice in labels}, book.refused


def _idea_list_parts(category_slug, signed_in):
    """The idea list as every reader sees it: heading and filters, and each card's head and foot as HTML."""
    categories = list(IdeaCategory.objects.all())
    category = next((c for c in categories if c.slug == category_slug), None)
    ideas = list(Idea.objects.current().in_order().in_category(category))
    parts = "conversations/_idea_list_shared.html"
    context = {"categories": categories, "category": category, "count": len(ideas), "signed_in": signed_in}
    step = reverse("conversations:idea_step", args=[category_slug or "all", 1]).removesuffix("1/")
    cards = [
        (
            idea.pk,
            render_to_string(f"{parts}#card-head", {"idea": idea}),
            render_to_string(f"{parts}#card-foot", {"idea": idea, "signed_in": signed_in, "step_url": f"{step}{n}/"}),
        )
        for n, idea in enumerate(ideas, start=1)
    ]
    return {"top": render_to_string(f"{parts}#top", context), "cards": cards}


@require_safe
@shared_page(query=("category",))
def idea_list(request):
    wanted = request.GET.get("category", "")
    if wanted and wanted not in shared_part("idea-categories", lambda: {c.slug for c in IdeaCategory.objects.all()}):
        return redirect("conversations:ideas")  # an unknown kind: every idea, at its one address
    signed_in = request.user.is_authenticated
    # Rendered once per content edition; per request only this reader's own answers are added.
    shared = shared_part(f"idea-list:{wanted}:{signed_in:d}", lambda: _idea_list_parts(wanted, signed_in))
    answers, unreadable = _my_choice_labels(request)
    # The line under a card with my answer: rendered once per answer given (at most three), never kept.
    lines = {
        label: render_to_string("conversations/_idea_list_shared.html#my-answer", {"my_answer": label})
        for label in set(answers.values())
    }
    context = {
        "category_slug": wanted,
        "unreadable_answers": unreadable,
        "top": mark_safe(shared["top"]),
        # Each card joined here from its kept parts: 52 of them, so no template loop per request.
        "cards": mark_safe(
            "\n".join(
                f'<li class="card">{head}{lines.get(answers.get(pk), "")}{foot}</li>'
                for pk, head, foot in shared["cards"]
            )
        ),
    }
    return page_or_fragment(request, "conversations/idea_list.html", "ideas", context)


def _ideas_in(category_slug):
    """(the kind, or None for "all", and its current ideas in order), kept per content edition; 404 for a kind
    there is not."""
    kinds = shared_part("idea-kinds", lambda: {c.slug: c for c in IdeaCategory.objects.all()})
    if category_slug != "all" and category_slug not in kinds:
        raise Http404("No such kind of idea.")
    category = kinds.get(category_slug)
    ideas = shared_part(
        f"ideas-in:{category_slug}", lambda: list(Idea.objects.current().in_order().in_category(category))
    )
    return category, ideas


@require_safe
@shared_page
def idea_step(request, category_slug, number):
    category, ideas = _ideas_in(category_slug)
    total = len(ideas)
    if total == 0:
        raise Http404("No ideas here yet.")
    if number != nearest_number(number, total):
        return redirect("conversations:idea_step", category_slug, nearest_number(number, total))
    idea = ideas[number - 1]
    context = {
        "idea": idea,
        "category": category,
        "category_slug": category_slug,
        "number": number,
        "total": total,
        "mark_form": my_mark_form(request, idea),
    }
    return page_or_fragment(request, "conversations/idea_step.html", "step-card", context)


@login_required
@require_POST
def save_mark(request):
    """Private: only the owner's own mark is read or written, and only the owner gets it back."""
    idea = Idea.objects.current().filter(slug=str(request.POST.get("idea", ""))[:50]).first()
    book = my_book(request)
    form = MarkForm(request.POST, idea=idea)
    saved = form.is_valid()
    if saved:
        card = together.open_card(request)  # the pair's Together session, if any, read once
        form.save(book, together=card is not None and card.both_here_on(form.cleaned_data["idea"]))
        form = MarkForm(idea=idea, answer=book.get(idea))  # shows what is now saved
        if card is not None:
            card.touched(idea)  # if the pair is on this idea together: "still choosing"
    if request.htmx:
        if idea is None:
            raise Http404("No such idea.")
        context = {"idea": idea, "mark_form": form, "saved": saved}
        return render(request, "conversations/_mark_form.html#mark-status", context, status=200 if saved else 422)
    if saved:
        messages.success(request, "Saved. Only you can see your answer.")
    else:
        messages.error(request, "That answer didn't come through, so nothing changed. Please choose again.")
    return redirect(safe_next(request, "conversations:ideas"))


@login_required
@require_safe
def both_of_us(request):
    context = both_of_us_context(request, Seat.of(request))
    return render(request, "conversations/both_of_us.html", context)
