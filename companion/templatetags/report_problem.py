from django import template

from companion.forms import ProblemReportForm

register = template.Library()


@register.inclusion_tag("companion/_report_problem.html", takes_context=True)
def report_problem_box(context):
    """The "Report a problem with this page" box, for the page being shown."""
    request = context["request"]
    return {"form": ProblemReportForm(initial={"page": request.path}, auto_id="report-%s"), "nav": context["nav"]}
