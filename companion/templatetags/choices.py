from django import template

register = template.Library()


@register.filter
def choice_without_required(choice):
    """One radio of a group, without `required`: the group's fieldset says it is required (role="radiogroup"
    aria-required="true"), so untouched radios are not exposed as invalid on first load. The server still checks."""
    attrs = {name: value for name, value in choice.data["attrs"].items() if name != "required"}
    context = {"widget": {**choice.data, "attrs": attrs, "wrap_label": False}}
    return choice.parent_widget._render(choice.template_name, context, choice.renderer)
