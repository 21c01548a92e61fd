import datetime

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone

from companion.models import ProblemReport

SOURCE_AGE_LIMIT_DAYS = 3 * 365


def reviewed_content():
    """Every model of shipped content with review dates (conditions and library pages)."""
    return [model for model in apps.get_models() if hasattr(model, "next_review_on") and hasattr(model, "source_list")]


class Command(BaseCommand):
    help = "List pages due for review, sources older than three years, and open problem reports."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=datetime.date.fromisoformat, help="Report as of this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        oldest_current = today - datetime.timedelta(days=SOURCE_AGE_LIMIT_DAYS)
        overdue, old_sources = [], []
        for model in reviewed_content():
            for item in model.objects.order_by("slug"):
                if item.next_review_on < today:
                    overdue.append(f"{item.get_absolute_url()}  due {item.next_review_on}")
                old_sources += [
                    f"{item.get_absolute_url()}  {source.publisher}, {source.title} ({source.date})"
                    for source in item.source_list
                    if source.date < oldest_current
                ]
        reports = [f"{report.page}  {report.created_at:%Y-%m-%d}: {report.text[:200]}" for report in ProblemReport.objects.filter(resolved=False)]
        for heading, lines in [
            ("Pages due for review", overdue),
            (f"Sources older than three years (before {oldest_current})", old_sources),
            ("Open problem reports", reports),
        ]:
            self.stdout.write(f"{heading}: {len(lines)}")
            for line in lines:
                self.stdout.write(f"  {line}")
