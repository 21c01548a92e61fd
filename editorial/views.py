from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .page_cache import shared_page


@require_safe
@shared_page
def sources(request, slug, model):
    """The sources one page of health information was checked against, each with its own date and ours.

    Each app's URLs name the model (conditions, library pages, programme stages and guides), so this
    room never imports the features it serves.
    """
    return render(request, "editorial/sources.html", {"content": get_object_or_404(model, slug=slug)})
