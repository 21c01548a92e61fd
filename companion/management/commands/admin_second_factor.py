import io

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "authenticator app"
BACKUP_DEVICE_NAME = "backup codes"
BACKUP_CODES = 10


class Command(BaseCommand):
    help = (
        "Set up the second factor a staff account needs to open the admin: an authenticator app (a QR code and an "
        "otpauth:// link to scan or paste) and 10 one-time backup codes. The backup codes are shown once, here, "
        "and never again: keep them somewhere safe, away from the phone. Use --replace for a lost phone."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="An existing staff account's username.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove this account's authenticator app and backup codes, and set up new ones.",
        )

    def handle(self, *args, username, replace=False, **options):
        user = self._staff_user(username)
        with transaction.atomic():
            app_devices = TOTPDevice.objects.devices_for_user(user, confirmed=None)
            backup_devices = StaticDevice.objects.devices_for_user(user, confirmed=None)
            if (app_devices.exists() or backup_devices.exists()) and not replace:
                raise CommandError(
                    f"{username} already has a second factor. To set up a new one (a lost phone, say), "
                    f"run it again with --replace: the old app's codes and backup codes then stop working."
                )
            app_devices.delete()
            backup_devices.delete()
            app = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
            backup = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
            codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
            StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
        self._show(username, app.config_url, codes)

    def _staff_user(self, username):
        model = get_user_model()
        try:
            user = model.objects.get_by_natural_key(username)
        except model.DoesNotExist:
            raise CommandError(f"There is no account called {username!r}. Check the spelling.") from None
        if not user.is_staff:
            raise CommandError(
                f"{username} is not a staff account, so it cannot use the admin and needs no second factor. "
                "Make it staff first (another staff member can, in the admin), then run this again."
            )
        return user

    def _show(self, username, uri, codes):
        qr_code = io.StringIO()
        segno.make(uri, error="m").terminal(out=qr_code, compact=True)
        self.stdout.write(f"Second factor for {username}.\n")
        self.stdout.write("1. Scan this QR code with an authenticator app (or paste the link below into it):\n")
        self.stdout.write(qr_code.getvalue())
        self.stdout.write(uri)
        self.stdout.write(
            "\n2. Backup codes, each good for one sign-in if the phone is lost. They are shown only this once:\n"
        )
        for code in codes:
            self.stdout.write(f"   {code}")
        self.stdout.write(
            "\nThe admin's sign-in now asks for the username, the passphrase and the app's current code "
            "(or one backup code)."
        )
