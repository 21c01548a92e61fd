"""This app's part of the appointment sheet: a summary of my own solo practice, on my own sheet only."""

from django.template.defaultfilters import date as format_date

from .private_records import Diary


def for_sheet(user, data_key):
    """(heading, lines) for the signed-in person's own sheet, opened with their data key, or None."""
    summary = Diary(user, data_key).summary()
    if summary is None:
        return None
    return "My own practice of the insertion steps", [
        f"{summary['count']} practice{'s' if summary['count'] != 1 else ''} since {format_date(summary['since'], 'j F Y')}.",
        f"Furthest step so far: {summary['last_step']}.",
        f"Pain during practice, 0 to 10: {summary['last_pain']} last time, {summary['highest_pain']} at most.",
    ]
