"""This app's part of the appointment sheet: my own check-ins' trend and my solo practice, on my own sheet only."""

from django.template.defaultfilters import date as format_date
from django.template.loader import render_to_string
from django.utils import timezone

from . import charts, check_ins
from .models import SoloStep
from .private_records import Diary


def _day(when):
    """A date as the person reads it: in their own time zone (the filter called from Python would not convert)."""
    return format_date(timezone.localtime(when), "j F Y")


def _trend_line(trend):
    first, last = trend.points[0], trend.points[-1]
    if len(trend.points) == 1:
        return f"{trend.question.short}, 0 to 10: {first[1]} on {_day(first[0])}."
    return (
        f"{trend.question.short}, 0 to 10: {first[1]} on {_day(first[0])}, "
        f"{last[1]} on {_day(last[0])} ({len(trend.points)} check-ins)."
    )


def _furthest(step_ids):
    """The furthest step practised in each guide, in the guides' order (one query): coming back after a break
    means practising a lower step again, which never makes the furthest one lower."""
    furthest: dict[int, SoloStep] = {}
    for step in SoloStep.objects.filter(pk__in=step_ids).select_related("guide"):
        if step.guide_id not in furthest or step.number > furthest[step.guide_id].number:
            furthest[step.guide_id] = step
    return sorted(furthest.values(), key=lambda step: step.guide.order)


def for_sheet(user, data_key):
    """(heading, lines) for the signed-in person's own sheet, opened with their data key, or None."""
    diary = Diary(user, data_key)
    trends = check_ins.trends(diary.check_ins(), check_ins.content().questions)
    lines = [_trend_line(trend) for trend in trends]
    trend_lines = len(lines)
    summary = diary.summary()
    if summary is not None:
        lines += [
            f"{summary['count']} practice{'s' if summary['count'] != 1 else ''} since {_day(summary['since'])}.",
            *[f"Furthest step so far in {step.guide.title}: {step}." for step in _furthest(summary["step_ids"])],
            f"Last practised: {summary['last_step']}.",
            f"Pain during practice, 0 to 10: {summary['last_pain']} last time, {summary['highest_pain']} at most.",
        ]
    if not lines:
        return None
    if not trend_lines:
        return "My own practice of the insertion steps", lines, ""
    return ("My own check-ins and practice" if summary else "My own check-ins"), lines, _small_charts(trends)


def _small_charts(trends):
    """The trends drawn small, beside their lines (the same figures, so the lines stay what a screen reader reads)."""
    items = [
        {"heading": trend.question.short, "points": trend.points, "chart": charts.line_chart(trend.points)}
        for trend in trends
        if len(trend.points) > 1
    ]
    return render_to_string("programme/_small_charts.html", {"items": items}) if items else ""
