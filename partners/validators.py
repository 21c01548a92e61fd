"""Passphrase checks beyond Django's own (length, common, all digits)."""

from django.core.exceptions import ValidationError

MIN_DIFFERENT_CHARACTERS = 6


class PassphraseVarietyValidator:
    """Refuses passphrases of spaces or a few repeated characters, like "aaaaaaaaaaaa"."""

    def validate(self, password, user=None):
        if len(set(password.replace(" ", "").casefold())) < MIN_DIFFERENT_CHARACTERS:
            raise ValidationError(
                "Please use a passphrase with more variety: a few different words works well.",
                code="too_little_variety",
            )

    def get_help_text(self):
        return f"At least {MIN_DIFFERENT_CHARACTERS} different letters or other characters."
