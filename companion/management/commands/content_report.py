import datetime

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone

from companion.models import ProblemReport
from editorial.sources import CURRENT_FOR


def reviewed_content():
    """Every model of shipped content with review dates (conditions and library pages)."""
    return [model for model in apps.get_models() if hasattr(model, "next_review_on") and hasattr(model, "source_list")]


def _cited(item, source):
    return f"{item.get_absolute_url()}  {source.publisher}, {source.title}"


class Command(BaseCommand):
    help = (
        "List pages due for review, pages with no current source, sources older than three years, "
        "undated sources, and open problem reports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="Report as of this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        overdue, not_current, old, undated = [], [], [], []
        for model in reviewed_content():
            for item in model.objects.order_by("slug"):
                sources = item.source_list
                if item.next_review_on < today:
                    overdue.append(f"{item.get_absolute_url()}  due {item.next_review_on}")
                if not any(source.is_current(today) for source in sources):
                    not_current.append(item.get_absolute_url())
                old += [f"{_cited(item, s)} ({s.shown_date})" for s in sources if s.date and not s.is_current(today)]
                undated += [f"{_cited(item, s)} (checked {s.checked_on})" for s in sources if s.date is None]
        reports = [
            f"{report.page}  {report.created_at:%Y-%m-%d}: {report.text[:200]}"
            for report in ProblemReport.objects.filter(resolved=False)
        ]
        for heading, lines in [
            ("Pages due for review", overdue),
            ("Pages with no source dated within three years", not_current),
            (f"Sources older than three years (dated before {today - CURRENT_FOR})", old),
            ("Undated sources (they never count as current)", undated),
            ("Open problem reports", reports),
        ]:
            self.stdout.write(f"{heading}: {len(lines)}")
            for line in lines:
                self.stdout.write(f"  {line}")
