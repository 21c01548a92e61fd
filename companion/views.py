from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET


@require_GET
def home(request):
    return render(request, "companion/home.html")


@require_GET
def what_to_do(request):
    return render(request, "companion/what_to_do.html")


@require_GET
def privacy(request):
    return render(request, "companion/privacy.html")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # Self-contained on purpose: no static files, database or context that could fail again.
    return HttpResponseServerError(loader.get_template("500.html").render())
