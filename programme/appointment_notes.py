"""This app's part of the appointment sheet: a summary of my own solo practice, on my own sheet only."""

from django.template.defaultfilters import date as format_date

from partners import keys

from .models import SoloLog


def for_sheet(user):
    """(heading, lines) for the signed-in person's own sheet, or None."""
    if not user.is_authenticated:
        return None
    if user.held_key is None:  # the caller holds the key from the session first
        raise keys.KeysUnavailable
    summary = SoloLog.summary_for(user, user.held_key)
    if summary is None:
        return None
    return "My own practice of the insertion steps", [
        f"{summary['count']} practice{'s' if summary['count'] != 1 else ''} since {format_date(summary['since'], 'j F Y')}.",
        f"Furthest step so far: {summary['last_step']}.",
        f"Pain during practice, 0 to 10: {summary['last_pain']} last time, {summary['highest_pain']} at most.",
    ]
