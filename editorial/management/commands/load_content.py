from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string, module_has_submodule

from editorial import edition
from editorial.files import ContentError, Errors
from editorial.loading import Report, check_links


def content_readers():
    """Each installed app's `content_loader.read`, in INSTALLED_APPS order."""
    return [
        import_string(f"{config.name}.content_loader.read")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "content_loader")
    ]


class Command(BaseCommand):
    help = "Check every content file, then load them all in one transaction (or nothing, if any has a mistake)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only check the files; change nothing.")

    def handle(self, *args, check=False, **options):
        errors = Errors()
        plans = [read(errors) for read in content_readers()]
        if not errors:
            check_links(plans, errors)
        if errors:
            raise CommandError(f"Nothing was loaded. Please fix:\n{errors}")
        if check:
            self.stdout.write("Every content file is fine.")
            return
        report = Report()
        try:
            with transaction.atomic():
                for plan in plans:
                    plan.apply(report)
                edition.start_new()  # every cached page of the old content is left behind
        except ContentError as error:
            raise CommandError(f"Nothing was loaded. Please fix:\n{error}") from None
        if options["verbosity"] < 1:
            return
        for action, kind, name in report.lines:
            self.stdout.write(f"{action:>8} {kind}: {name}")
        counts = ", ".join(f"{report.count(action)} {action}" for action in ("added", "changed", "retired", "removed"))
        self.stdout.write(self.style.SUCCESS(f"Content loaded: {counts}."))
