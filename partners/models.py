"""People and pairs: accounts, rate limits, seats, invites and the one pair lifecycle.

Every shared feature builds on this app; it knows none of them. When a seat is
freed, `seat_released` tells whoever listens (e.g. open together sessions end).
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import keys, names

# Sent inside the transaction that frees a seat, with `pair_id` and `user`.
seat_released = Signal()


KEY_FIELDS = ["data_key_by_passphrase", "data_key_by_recovery_code", "public_key", "private_key_sealed"]


class UserManager(DjangoUserManager):
    def _create_user_object(self, username, email, password, **extra_fields):
        user = super()._create_user_object(username, email, password, **extra_fields)
        user.set_password(password)  # so every new account, however made, gets its keys (set_password)
        return user


class User(AbstractUser):
    """A username and a passphrase: no email, no phone, no real name is ever asked for."""

    objects = UserManager()

    username = models.CharField(
        max_length=names.MAX_LENGTH,
        unique=True,
        validators=[ASCIIUsernameValidator()],
        help_text="Any name you like, ideally not your real one. Letters, digits and @/./+/-/_ only.",
        error_messages={"unique": "That name is taken. Please choose another."},
    )
    # The name with case and look-alikes folded (see names.py): one account per name_key.
    name_key = models.CharField(max_length=names.MAX_LENGTH * 2, unique=True, editable=False)
    # Bumping this signs the user out of every browser (it is part of the session hash).
    session_epoch = models.PositiveIntegerField(default=0)
    # Sessions signed out on purpose, {session id: when}: copies of their cookie stop working too.
    revoked_sessions = models.JSONField(default=dict, blank=True, editable=False)
    # A one-time recovery code, stored only as a hash; empty once used until a new one is made.
    recovery_code_hash = models.CharField(max_length=200, blank=True, editable=False)
    # The data key, sealed under the passphrase and under the recovery code (see keys.py); never stored open.
    # Empty for an account made before keys existed: its key is made at its next sign-in.
    data_key_by_passphrase = models.BinaryField(null=True, editable=False)
    data_key_by_recovery_code = models.BinaryField(null=True, editable=False)
    public_key = models.BinaryField(null=True, editable=False)
    private_key_sealed = models.BinaryField(null=True, editable=False)

    REQUIRED_FIELDS = []

    def save(self, *args, **kwargs):
        self.name_key = names.name_key(self.username)
        if kwargs.get("update_fields") is not None and "username" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    # --- Keys (keys.py). `_held_key` is this object's data key in memory, for this request only. ---

    def _context(self, what):
        return f"{what}:{self.pk or 'new'}"

    @property
    def has_keys(self):
        return bool(self.public_key)

    def hold_key(self, data_key):
        self._held_key = data_key
        return self

    @property
    def held_key(self):
        return getattr(self, "_held_key", None)

    def check_password(self, raw_password):
        """Django's check; when it upgrades an old hash, only the hash changes (never the keys: see set_password)."""

        def upgrade_hash(raw):
            AbstractUser.set_password(self, raw)
            self._password = None
            User.objects.filter(pk=self.pk).update(password=self.password)

        return check_password(raw_password, self.password, upgrade_hash)

    def set_password(self, raw_password):
        """Also seals the data key under the new passphrase: a key held now is kept; a new account gets its first.

        Set without the key (an admin's reset), the passphrase no longer opens the old key: the person then
        chooses between the recovery code and starting afresh (see keys_locked)."""
        super().set_password(raw_password)
        if raw_password is None:
            return
        if self.held_key is None and not self.has_keys:
            self._make_keys()
        self.data_key_by_passphrase = keys.wrap(raw_password, self.held_key, "passphrase") if self.held_key else None

    def _make_keys(self):
        self.hold_key(keys.new_key())
        self.public_key, self.private_key_sealed = keys.new_key_pair(self.held_key, "private-key")
        self.data_key_by_recovery_code = None  # a new key: no old code opens it

    def make_keys(self):
        """Keys for an account nobody signs in to with a passphrase (benchmarks): held, saved, not sealed under one."""
        self._make_keys()
        self.save(update_fields=KEY_FIELDS)
        return self

    def unlock(self, raw_password):
        """The data key opened with the passphrase (and held), or None."""
        key = keys.unwrap(raw_password, self.data_key_by_passphrase, "passphrase")
        return self.hold_key(key).held_key if key else None

    def make_first_keys(self, raw_password):
        """For an account made before keys existed: its first keys, under the passphrase just checked. If another
        sign-in made them a moment ago, theirs are opened instead (one conditional UPDATE, so never two keys)."""
        self._make_keys()
        self.data_key_by_passphrase = keys.wrap(raw_password, self.held_key, "passphrase")
        if not User.objects.filter(pk=self.pk, public_key=None).update(**{field: getattr(self, field) for field in KEY_FIELDS}):
            self.refresh_from_db(fields=KEY_FIELDS)
            self.hold_key(None)
            return self.unlock(raw_password)
        return self.held_key

    def start_keys_afresh(self, raw_password):
        """New keys under this passphrase; whatever was sealed under the old key can no longer be read."""
        self._make_keys()
        self.data_key_by_passphrase = keys.wrap(raw_password, self.held_key, "passphrase")
        self.save(update_fields=KEY_FIELDS)
        # The pair key was sealed to the old key pair: the partner hands it over again on their next visit.
        Membership.objects.filter(user=self).update(sealed_pair_key=None, tokens_complete=False)
        return self.held_key

    def private_key_for(self, data_key):
        return keys.unseal(data_key, self.private_key_sealed, "private-key")

    def open_sealed_to_me(self, data_key, blob, context):
        return keys.open_sealed_to_me(self.private_key_sealed, data_key, blob, "private-key", context)

    def get_session_auth_hash(self):
        return salted_hmac(
            "companion.User.get_session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            algorithm="sha256",
        ).hexdigest()

    def sign_out_everywhere(self):
        User.objects.filter(pk=self.pk).update(session_epoch=F("session_epoch") + 1)
        self.refresh_from_db(fields=["session_epoch"])

    def revoke_session(self, session_id):
        """Remember a signed-out session, so any copy of its cookie stops working too."""
        now = timezone.now()
        keep_after = (now - timedelta(seconds=settings.SESSION_COOKIE_AGE)).isoformat()
        revoked = {sid: when for sid, when in self.revoked_sessions.items() if when > keep_after}
        revoked[session_id] = now.isoformat()
        self.revoked_sessions = revoked
        self.save(update_fields=["revoked_sessions"])

    def new_recovery_code(self):
        """A fresh one-time recovery code: returned once to show, stored only as a hash."""
        code = "-".join("".join(secrets.choice(INVITE_ALPHABET) for _ in range(4)) for _ in range(4))
        self.recovery_code_hash = make_password(normalise_code(code))
        held = self.held_key
        self.data_key_by_recovery_code = keys.wrap(normalise_code(code), held, "recovery-code") if held else None
        self.save(update_fields=["recovery_code_hash", "data_key_by_recovery_code"])
        return code

    def unlock_with_recovery_code(self, code):
        """The data key opened with the recovery code (and held), or None."""
        key = keys.unwrap(normalise_code(code), self.data_key_by_recovery_code, "recovery-code")
        return self.hold_key(key).held_key if key else None

    def recovery_code_matches(self, code):
        return bool(self.recovery_code_hash) and check_password(normalise_code(code), self.recovery_code_hash)

    def use_recovery_code(self, code):
        """True once for the right code; the code then stops working (one conditional UPDATE, so never twice)."""
        if not self.recovery_code_matches(code):
            return False
        return bool(User.objects.filter(pk=self.pk, recovery_code_hash=self.recovery_code_hash).update(recovery_code_hash=""))

    @transaction.atomic
    def delete_account(self):
        """Leave the pair the way everyone leaves it, then delete; every app's rows about this person go too."""
        membership = Membership.objects.filter(user=self).first()
        if membership:
            membership.leave()
        self.delete()


class RateLimit(models.Model):
    """Attempts per key per time window, in the database so every worker and server shares them."""

    KEPT_FOR = timedelta(days=1)  # counters (and failed sign-ins) older than this are deleted

    key = models.CharField(max_length=64)  # an HMAC of scope and identifier: no usernames or IPs in clear
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="one_counter_per_window")]
        indexes = [models.Index(fields=["window_start"])]

    @staticmethod
    def key_for(scope, identifier):
        return hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{identifier}".encode(), hashlib.sha256).hexdigest()

    @classmethod
    def hit(cls, scope, identifier, *, window_seconds):
        """Count one attempt and return the attempts in the current window, this one included."""
        key = cls.key_for(scope, identifier)
        now = timezone.now()
        start = now - timezone.timedelta(seconds=now.timestamp() % window_seconds)
        counters = cls.objects.filter(key=key, window_start=start)
        if not counters.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    cls.objects.create(key=key, window_start=start, count=1)
                    cls.objects.filter(window_start__lt=now - cls.KEPT_FOR).delete()
                return 1
            except IntegrityError:  # another worker created it first
                counters.update(count=F("count") + 1)
        return counters.values_list("count", flat=True).get()

    @classmethod
    def attempts(cls, scope, identifier, *, window_seconds):
        """Attempts in the current window, without counting one."""
        now = timezone.now()
        start = now - timezone.timedelta(seconds=now.timestamp() % window_seconds)
        return cls.objects.filter(key=cls.key_for(scope, identifier), window_start=start).values_list("count", flat=True).first() or 0

    @classmethod
    def forget(cls, scope, identifier):
        cls.objects.filter(key=cls.key_for(scope, identifier)).delete()


class Pair(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Pair {self.pk}"

    @property
    def is_full(self):
        return self.members.count() >= 2

    @classmethod
    @transaction.atomic
    def start(cls, user, lives_with_pain):
        """A new pair with `user` in seat 1, ready to invite a partner, and a new pair key sealed to them."""
        pair = cls.objects.create()
        sealed = Membership.seal_pair_key(keys.new_key(), user, pair.pk)
        return Membership.objects.create(user=user, pair=pair, seat=1, lives_with_pain=lives_with_pain, sealed_pair_key=sealed)

    @classmethod
    @transaction.atomic
    def of(cls, first, second, *, first_lives_with_pain=True, second_lives_with_pain=False):
        """A complete pair of two people at once (tests, benchmarks and generated populations)."""
        pair = cls.objects.create()
        pair_key = keys.new_key()
        Membership.objects.bulk_create([
            Membership(user=first, pair=pair, seat=1, lives_with_pain=first_lives_with_pain,
                       sealed_pair_key=Membership.seal_pair_key(pair_key, first, pair.pk)),
            Membership(user=second, pair=pair, seat=2, lives_with_pain=second_lives_with_pain,
                       sealed_pair_key=Membership.seal_pair_key(pair_key, second, pair.pk)),
        ])
        return pair

    def both_live_with_pain(self):
        return self.members.filter(lives_with_pain=True).count() == 2

    def free_seat(self):
        taken = set(self.members.values_list("seat", flat=True))
        return next((seat for seat in (1, 2) if seat not in taken), None)


class Membership(models.Model):
    """A person's seat in their one pair, and their own choices about what the pair sees."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="members")
    seat = models.PositiveSmallIntegerField()
    # Each partner says this for themselves, and can change it: one, the other or both may live with the pain.
    lives_with_pain = models.BooleanField()
    show_maybes = models.BooleanField(default=False)
    hide_matches = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)
    # Set when the other partner leaves or deletes their account, so this one is told, kindly.
    partner_left = models.BooleanField(default=False)
    # The pair key, sealed to this person's public key (keys.py); empty until someone holding it hands it over.
    sealed_pair_key = models.BinaryField(null=True, editable=False)
    # Whether this member's pair-keyed tokens (made by the apps above, e.g. for "Both of us") are all made.
    tokens_complete = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair", "seat"], name="two_seats_per_pair"),
            models.CheckConstraint(condition=models.Q(seat__in=[1, 2]), name="seat_is_1_or_2"),
        ]

    @staticmethod
    def seal_pair_key(pair_key, user, pair_id):
        return keys.seal_to(user.public_key, pair_key, f"pair-key:{pair_id}") if user.has_keys else None

    def open_pair_key(self, data_key):
        """This pair's key, opened with the member's own data key; None if it was never handed to them."""
        if not self.sealed_pair_key:
            return None
        return self.user.open_sealed_to_me(data_key, self.sealed_pair_key, f"pair-key:{self.pair_id}")

    def hand_pair_key_to_partner(self, pair_key, partner):
        """Seal the pair key to a partner who has none yet (they joined, or made their keys after joining)."""
        sealed = Membership.seal_pair_key(pair_key, partner.user, self.pair_id)
        if sealed and not partner.sealed_pair_key:
            Membership.objects.filter(pk=partner.pk, sealed_pair_key=None).update(sealed_pair_key=sealed)
            partner.sealed_pair_key = sealed

    @transaction.atomic
    def has_partner(self):
        """True when the other seat in the pair is taken."""
        return self.pair.members.exclude(pk=self.pk).exists()

    def leave(self):
        """The one way a seat is freed, whether someone leaves or deletes their account.

        Open invites stop working, listeners end what the pair was doing
        together, the partner left behind is told and can invite again, and an
        empty pair is deleted. Each person's own marks stay theirs.
        """
        pair = self.pair
        pair.invites.filter(accepted_at=None, revoked_at=None).update(revoked_at=timezone.now())
        seat_released.send(sender=Membership, pair_id=pair.pk, user=self.user)
        self.delete()
        left_behind = list(pair.members.select_related("user"))
        for member in left_behind:
            # A new pair key, so whoever left can never read what this pair does next; it needs only the public key.
            Membership.objects.filter(pk=member.pk).update(
                partner_left=True, tokens_complete=False, sealed_pair_key=Membership.seal_pair_key(keys.new_key(), member.user, pair.pk)
            )
        if not left_behind:
            pair.delete()


INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
INVITE_CODE_LENGTH = 8


def normalise_code(text):
    return "".join(ch for ch in str(text).upper() if ch in INVITE_ALPHABET)[:16]


class InviteQuerySet(models.QuerySet):
    def usable(self):
        """Codes that can still be used to ask to join."""
        return self.filter(used_at=None, revoked_at=None, expires_at__gt=timezone.now())

    def waiting_for_an_answer(self):
        """Requests to join that the inviter has not yet accepted or declined."""
        return self.filter(requested_by__isnull=False, accepted_at=None, revoked_at=None, expires_at__gt=timezone.now())


class Invite(models.Model):
    """A short-lived, single-use code for a partner to ask to join; the inviter then accepts or declines.

    Nothing is shared until the inviter accepts. The code travels only in a form
    body or a link's #fragment, never in a request path, so it never reaches an
    access log.
    """

    LIFETIME = timedelta(hours=24)

    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="invites")
    code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)  # when someone asked to join with it
    revoked_at = models.DateTimeField(null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="join_requests"
    )
    requester_lives_with_pain = models.BooleanField(default=False)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InviteQuerySet.as_manager()

    @classmethod
    def issue(cls, pair):
        """A new code for a pair with a free seat (either partner may invite); earlier codes stop working."""
        cls.objects.filter(pair=pair).usable().update(revoked_at=timezone.now())
        while True:
            code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_CODE_LENGTH))
            try:
                with transaction.atomic():
                    return cls.objects.create(pair=pair, code=code, expires_at=timezone.now() + cls.LIFETIME)
            except IntegrityError:  # the same code twice: vanishingly rare, so simply draw again
                continue

    @property
    def display_code(self):
        return f"{self.code[:4]}-{self.code[4:]}"

    @classmethod
    @transaction.atomic
    def ask_to_join(cls, code, user, lives_with_pain):
        """Use a code to ask to join its pair. Returns the invite, or None for any code that cannot be used."""
        invite = cls.objects.usable().filter(code=normalise_code(code)).select_related("pair").first()
        if invite is None or invite.pair.free_seat() is None or not invite.pair.members.exists():
            return None
        if Membership.objects.filter(user=user).exists():
            return None
        asked = cls.objects.filter(pk=invite.pk, used_at=None).update(
            used_at=timezone.now(), requested_by=user, requester_lives_with_pain=lives_with_pain
        )
        return invite if asked else None  # someone else used it a moment ago

    @transaction.atomic
    def accept(self, pair_key=None):
        """Seat the person who asked, handing them the pair key (from the accepting partner's session).
        Returns their Membership, or None if that can no longer happen."""
        if not Invite.objects.waiting_for_an_answer().filter(pk=self.pk).update(accepted_at=timezone.now()):
            return None
        seat = self.pair.free_seat()
        if seat is None:
            return None
        try:
            with transaction.atomic():
                joined = Membership.objects.create(
                    user_id=self.requested_by_id, pair=self.pair, seat=seat, lives_with_pain=self.requester_lives_with_pain,
                    sealed_pair_key=Membership.seal_pair_key(pair_key, self.requested_by, self.pair_id) if pair_key else None,
                )
        except IntegrityError:  # they joined another pair meanwhile, or the seat was taken
            return None
        self.pair.members.update(partner_left=False)
        return joined

    def decline(self):
        """The inviter says no: the request and the code end; nothing was ever shared."""
        return bool(Invite.objects.waiting_for_an_answer().filter(pk=self.pk).update(revoked_at=timezone.now()))


class FailedSignIns(models.Model):
    """Wrong passphrases for one name from one place (an address, or a browser that signed in before).

    Keyed by an HMAC, so no name or address is stored. See throttle.py.
    """

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveIntegerField(default=0)
    last_failed_at = models.DateTimeField(db_index=True)
