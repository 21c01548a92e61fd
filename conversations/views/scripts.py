from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from editorial.page_cache import shared_page
from partners.http import page_or_fragment
from partners.seats import Seat

from .. import progress
from ..models import Readers, Script
from .shared import nearest_number


def _get_script(slug):
    script = get_object_or_404(Script.objects.with_step_count(), slug=slug)
    if script.step_count == 0:
        raise Http404("This script has no steps yet.")
    return script


def _nearest_step(script, number):
    return nearest_number(number, script.step_count)


@require_safe
@shared_page
def script_list(request):
    saved = progress.read(request)
    scripts = [(script, saved.get(script.slug)) for script in Script.objects.with_step_count()]
    return render(request, "conversations/script_list.html", {"scripts": scripts, "any_progress": bool(saved)})


@require_safe
@shared_page
def script_intro(request, slug):
    script = _get_script(slug)
    saved = progress.read(request).get(slug)
    resume_at = _nearest_step(script, saved["step"]) if saved and not saved["done"] else None
    return render(request, "conversations/script_intro.html", {"script": script, "resume_at": resume_at})


def _remember_step(request, response, slug, number):
    """This browser's own part of a shared step page: where it got to, in its cookie."""
    saved = progress.read(request)
    saved[slug] = {"step": number, "done": saved.get(slug, {}).get("done", False)}
    progress.remember(response, saved)


@require_safe
@shared_page(personal_cookie=progress.COOKIE, personalise=_remember_step)
def step(request, slug, number):
    script = _get_script(slug)
    if number != _nearest_step(script, number):
        return redirect(script.step_url(_nearest_step(script, number)))
    previous, current = script.steps_around(number)
    readers = Readers.for_seat(Seat.of(request))
    context = {
        "script": script,
        "step": current,
        "read_aloud_by": current.read_aloud_by(readers),
        "pass_the_phone_to": current.pass_the_phone_to(readers),
        "number": number,
        "pass_the_phone": current.speaker_changed_from(previous),
        "is_last": number == script.step_count,
    }
    return page_or_fragment(request, "conversations/step.html", "step-card", context)


@require_safe
@shared_page
def pause(request, slug, number):
    script = _get_script(slug)
    if number != _nearest_step(script, number):
        return redirect("conversations:pause", slug, _nearest_step(script, number))
    return render(request, "conversations/pause.html", {"script": script, "number": number})


@require_safe
def finished(request, slug):
    script = _get_script(slug)
    response = render(request, "conversations/finished.html", {"script": script})
    saved = progress.read(request)
    saved[slug] = {"step": script.step_count, "done": True}
    progress.remember(response, saved)
    return response


@require_POST
def forget_progress(request):
    response = redirect("conversations:list")
    progress.forget(response)
    return response
