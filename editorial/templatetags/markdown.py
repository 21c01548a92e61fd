from django import template

from editorial.markdown import render

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render(text)
