"""The admin site: a passphrase and a second factor (django-otp), for staff only.

Everyone else signs in with their passphrase alone, at the site's own sign-in page.
The admin's sign-in asks for the username, the passphrase and one code: the current code
from an authenticator app, or one of the backup codes. The code's shape says which device
it is for, so there is no device to choose. Set a person up with
`manage.py admin_second_factor <username>`.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django_otp import user_has_device
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

NO_SECOND_FACTOR = (
    "This staff account has no second factor yet, so it cannot open the admin. "
    "Someone with access to the server can set one up: manage.py admin_second_factor {username}"
)


def device_for_code(user, code):
    """The user's confirmed device this code is meant for: six digits are the authenticator app's, anything
    else a backup code. None if they have no such device."""
    app = TOTPDevice.objects.devices_for_user(user).first()
    if app is not None and code.isdigit() and len(code) == app.digits:
        return app
    return StaticDevice.objects.devices_for_user(user).first()


class SecondFactorSignInForm(OTPAdminAuthenticationForm):
    otp_token = forms.CharField(
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )
    error_messages = {
        **OTPAdminAuthenticationForm.error_messages,
        "invalid_login": (
            "Please enter the right %(username)s and passphrase for a staff account. Both may be case-sensitive."
        ),
    }
    otp_error_messages: dict[str, Any] = {  # django-otp's own are lazy strings
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": "Enter the code from your authenticator app, or one of your backup codes.",
        "invalid_token": (
            "That code is not right, or has been used already. Enter the current code from your "
            "authenticator app, or a backup code you have not used."
        ),
        "device_required": "That code does not match any second factor on this account.",
    }

    def clean_otp(self, user):
        if user is None:
            return
        if not user_has_device(user):
            raise ValidationError(NO_SECOND_FACTOR.format(username=user.get_username()), code="no_second_factor")
        code = "".join(str(self.cleaned_data.get("otp_token") or "").split()).lower()  # "123 456" as apps show it
        self.cleaned_data["otp_token"] = code
        if code and not self.cleaned_data.get("otp_device"):
            # django-otp checks the device is this user's (and locks it) before it tries the code.
            device = device_for_code(user, code)
            self.cleaned_data["otp_device"] = device.persistent_id if device is not None else ""
        super().clean_otp(user)


class CompanionAdminSite(OTPAdminSite):
    """Only staff verified by a second factor in this session get in (OTPAdminSite.has_permission)."""

    login_form = SecondFactorSignInForm
    login_template = "admin/second_factor_login.html"

    def __init__(self, name="admin"):  # OTPAdminSite would be "otpadmin": keep the admin: URL names
        super().__init__(name)
