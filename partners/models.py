"""People and pairs: accounts, rate limits, seats, invites and the one pair lifecycle.

Every shared feature builds on this app; it knows none of them. When a seat is
freed, each app's `seat_released` hook (registry.py) ends what the pair did (e.g. open together sessions).
"""

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.contrib.auth.validators import ASCIIUsernameValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import keys, names, registry

KEY_FIELDS = ["data_key_by_passphrase", "data_key_by_recovery_code", "public_key", "private_key_sealed"]


class UserManager(DjangoUserManager):
    def _create_user_object(self, username, email, password, **extra_fields):
        user = super()._create_user_object(username, email, password, **extra_fields)  # type: ignore[misc]  # Django's own hook, not in the stubs
        # Every account, however made, has keys; the person opens them with their passphrase.
        user.make_keys(password) if password is not None else user._new_keys()
        return user

    def idle_since(self, cutoff):
        """People last signed in before `cutoff` (or, never signed in, who joined before it), as `last_active`.
        Never staff or superusers: retention (manage.py forget_idle) is for ordinary accounts only."""
        return self.annotate(last_active=Coalesce("last_login", "date_joined")).filter(  # type: ignore[misc]  # the stubs type this manager for AbstractBaseUser
            last_active__lt=cutoff, is_staff=False, is_superuser=False
        )


class User(AbstractUser):
    """A username and a passphrase: no email, no phone, no real name is ever asked for."""

    objects = UserManager()  # type: ignore[misc]  # the stubs declare it as a class variable

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

    # --- Keys (keys.py). A data key is never kept on this object: each method takes it, or returns it. ---

    def _context(self, what):
        return f"{what}:{self.pk or 'new'}"

    @property
    def has_keys(self):
        return bool(self.public_key)

    def check_password(self, raw_password):
        """Django's check; when it upgrades an old hash, only the hash changes (never the keys: see set_password)."""

        def upgrade_hash(raw):
            AbstractUser.set_password(self, raw)
            self._password = None
            User.objects.filter(pk=self.pk).update(password=self.password)

        return check_password(raw_password, self.password, upgrade_hash)

    def set_password(self, raw_password):
        """Django's way in (an admin's reset, say): a new passphrase without the data key, so it no longer opens
        the old key. The person then chooses between the recovery code and starting afresh (see keys_locked).
        Our own forms use set_passphrase, which keeps the key."""
        super().set_password(raw_password)
        if raw_password is not None:
            self.data_key_by_passphrase = None

    def set_passphrase(self, raw_password, data_key):
        """A new passphrase that opens `data_key` (the person's own, held by the caller)."""
        AbstractUser.set_password(self, raw_password)
        self.data_key_by_passphrase = keys.wrap(raw_password, data_key, "passphrase")

    def _new_keys(self):
        data_key = keys.new_key()
        self.public_key, self.private_key_sealed = keys.new_key_pair(data_key, "private-key")
        self.data_key_by_recovery_code = None  # a new key: no old code opens it
        return data_key

    def make_keys(self, raw_password=None):
        """First keys for a new account; returns the data key (never stored open). With its passphrase (whose hash
        the caller sets), sealed under it; without (benchmarks), saved at once, and only the returned key opens them."""
        data_key = self._new_keys()
        if raw_password is None:
            self.save(update_fields=KEY_FIELDS)
        else:
            self.data_key_by_passphrase = keys.wrap(raw_password, data_key, "passphrase")
        return data_key

    def unlock(self, raw_password):
        """The data key opened with the passphrase, or None."""
        return keys.unwrap(raw_password, self.data_key_by_passphrase, "passphrase")

    def start_keys_afresh(self, raw_password):
        """New keys under this passphrase; whatever was sealed under the old key can no longer be read."""
        data_key = self._new_keys()
        self.data_key_by_passphrase = keys.wrap(raw_password, data_key, "passphrase")
        self.save(update_fields=KEY_FIELDS)
        # The pair key was sealed to the old key pair: the partner confirms the new one (key_pin), then hands it over.
        Membership.objects.filter(user=self).update(sealed_pair_key=None, tokens_complete=False)
        return data_key

    @transaction.atomic
    def rekey(self, raw_password, old_key, resealers):
        """A new passphrase and a new data key, key pair and pair key, so that whoever knew the old passphrase and
        finds an old backup opens nothing current. Each app's `reseal(user, old_data_key, new_data_key, pair)`
        moves its records (`pair`: PairKeys, or None outside a pair). The old recovery code stops working: show
        the person a new one. Returns the new data key."""
        membership = Membership.objects.select_for_update().filter(user=self).first()
        try:
            old_pair_key = membership.open_pair_key(old_key) if membership else None
        except keys.Unreadable:
            old_pair_key = None
        pair = PairKeys(membership.pair_id, old_pair_key, keys.new_key()) if membership and old_pair_key else None
        new_key = self._new_keys()
        self.set_passphrase(raw_password, new_key)
        self.recovery_code_hash = ""
        self.session_epoch += 1
        self.save()
        for reseal in resealers:
            reseal(self, old_key, new_key, pair)
        if membership is not None:
            membership.user = self
            membership.take_new_pair_key(pair)
        return new_key

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
        with transaction.atomic():  # re-read under a row lock, so sign-outs at the same moment all take effect
            stored = User.objects.select_for_update().values_list("revoked_sessions", flat=True).get(pk=self.pk)
            revoked = {sid: when for sid, when in (stored or {}).items() if when > keep_after}
            revoked[session_id] = now.isoformat()
            User.objects.filter(pk=self.pk).update(revoked_sessions=revoked)
        self.revoked_sessions = revoked

    def new_recovery_code(self, data_key):
        """A fresh one-time recovery code that opens `data_key`: returned once to show, stored only as a hash."""
        code = "-".join("".join(secrets.choice(INVITE_ALPHABET) for _ in range(4)) for _ in range(4))
        self.recovery_code_hash = make_password(normalise_code(code))
        self.data_key_by_recovery_code = (
            keys.wrap(normalise_code(code), data_key, "recovery-code") if data_key else None
        )
        self.save(update_fields=["recovery_code_hash", "data_key_by_recovery_code"])
        return code

    def unlock_with_recovery_code(self, code):
        """The data key opened with the recovery code, or None."""
        return keys.unwrap(normalise_code(code), self.data_key_by_recovery_code, "recovery-code")

    def recovery_code_matches(self, code):
        if not self.recovery_code_hash:  # used, or never made: the same work as a live code, so it can't be told apart
            check_password(normalise_code(code), "!")  # not a usable hash: Django hashes once anyway
            return False
        return check_password(normalise_code(code), self.recovery_code_hash)

    def use_recovery_code(self, code):
        """True once for the right code; the code then stops working (one conditional UPDATE, so never twice)."""
        if not self.recovery_code_matches(code):
            return False
        return bool(
            User.objects.filter(pk=self.pk, recovery_code_hash=self.recovery_code_hash).update(recovery_code_hash="")
        )

    def note_use(self):
        """Move `last_login` on at most once a day while the account is used: a person who stays signed in for
        years is never forgotten as idle (`forget_idle`)."""
        now = timezone.now()
        if self.last_login is None or now - self.last_login >= timedelta(days=1):
            type(self).objects.filter(pk=self.pk).update(last_login=now)
            self.last_login = now

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
        start = now - timedelta(seconds=now.timestamp() % window_seconds)
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
        start = now - timedelta(seconds=now.timestamp() % window_seconds)
        return (
            cls.objects.filter(key=cls.key_for(scope, identifier), window_start=start)
            .values_list("count", flat=True)
            .first()
            or 0
        )

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
    def start(cls, user, lives_with_pain, data_key):
        """A new pair with `user` in seat 1, ready to invite a partner, and a new pair key sealed to them.
        `data_key`: theirs, for their own copy of the answer (None: sealed at their next visit)."""
        pair, pair_key = cls.objects.create(), keys.new_key()
        sealed = Membership.seal_pair_key(pair_key, user, pair.pk)
        return Membership.objects.create(
            user=user,
            pair=pair,
            seat=1,
            sealed_pair_key=sealed,
            key_pin=Membership.key_pin_for(pair_key, user, pair.pk),
            **Membership.lives_with_pain_fields(lives_with_pain, pair.pk, user.pk, pair_key, data_key),
        )

    @classmethod
    @transaction.atomic
    def of(cls, first, second, *, first_lives_with_pain=True, second_lives_with_pain=False, data_keys=(None, None)):
        """A complete pair of two people at once (tests, benchmarks and generated populations). `data_keys`: each
        person's, for their own copy of their answer (None: sealed at their next visit)."""
        pair = cls.objects.create()
        pair_key = keys.new_key()
        Membership.objects.bulk_create(
            [
                Membership(
                    user=first,
                    pair=pair,
                    seat=1,
                    sealed_pair_key=Membership.seal_pair_key(pair_key, first, pair.pk),
                    key_pin=Membership.key_pin_for(pair_key, first, pair.pk),
                    **Membership.lives_with_pain_fields(
                        first_lives_with_pain, pair.pk, first.pk, pair_key, data_keys[0]
                    ),
                ),
                Membership(
                    user=second,
                    pair=pair,
                    seat=2,
                    sealed_pair_key=Membership.seal_pair_key(pair_key, second, pair.pk),
                    key_pin=Membership.key_pin_for(pair_key, second, pair.pk),
                    **Membership.lives_with_pain_fields(
                        second_lives_with_pain, pair.pk, second.pk, pair_key, data_keys[1]
                    ),
                ),
            ]
        )
        return pair

    def has_usable_code(self, code):
        return self.invites.usable().filter(code=normalise_code(code)).exists()

    def free_seat(self):
        taken = set(self.members.values_list("seat", flat=True))
        return next((seat for seat in (1, 2) if seat not in taken), None)


PAIN_SIZES = (16,)  # every sealed "lives with the pain" answer is the same length, whatever it says


class Membership(models.Model):
    """A person's seat in their one pair, and their own choices about what the pair sees."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    pair = models.ForeignKey(Pair, on_delete=models.CASCADE, related_name="members")
    seat = models.PositiveSmallIntegerField()
    # Whether this person lives with the pain: each says it for themselves, and one, the other or both may. Health
    # data, so sealed (lives_with_pain_for): under the pair key for both partners to read, and under the person's
    # own data key, so their answer outlives a new pair key (made when a partner leaves).
    sealed_lives_with_pain = models.BinaryField(null=True, editable=False)
    own_sealed_lives_with_pain = models.BinaryField(null=True, editable=False)
    show_maybes = models.BooleanField(default=False)
    hide_matches = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)
    # Set when the other partner leaves or deletes their account, so this one is told, kindly.
    partner_left = models.BooleanField(default=False)
    # The pair key, sealed to this person's public key (keys.py); empty until someone holding it hands it over.
    sealed_pair_key = models.BinaryField(null=True, editable=False)
    # This person's public key as the pair knew it at pairing: a MAC under the pair key (see key_pin_for). The
    # pair key is only ever handed to a public key that matches it, so nobody can swap in a key of their own.
    key_pin = models.BinaryField(null=True, editable=False)
    # Whether this member's pair-keyed tokens (made by the apps above, e.g. for "Both of us") are all made.
    tokens_complete = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pair", "seat"], name="two_seats_per_pair"),
            models.CheckConstraint(condition=models.Q(seat__in=[1, 2]), name="seat_is_1_or_2"),
        ]

    # --- Who lives with the pain, sealed: `true` or `false` padded to one length, bound to the pair and member ---

    @staticmethod
    def _sealed_answer(copy, key, value, pair_id, user_id):
        """`copy`: "pair" (under the pair key) or "own" (under the member's data key); None without a key or a value."""
        if key is None or value is None:
            return None
        return keys.seal_json(key, bool(value), f"lives-with-pain:{copy}:{pair_id}:{user_id}", PAIN_SIZES)

    @staticmethod
    def lives_with_pain_fields(value, pair_id, user_id, pair_key, data_key):
        """Both sealed copies of a member's answer, as field values: each empty when its key is not at hand."""
        return {
            "sealed_lives_with_pain": Membership._sealed_answer("pair", pair_key, value, pair_id, user_id),
            "own_sealed_lives_with_pain": Membership._sealed_answer("own", data_key, value, pair_id, user_id),
        }

    def _opened_answer(self, copy, key):
        blob = self.sealed_lives_with_pain if copy == "pair" else self.own_sealed_lives_with_pain
        if key is None or not blob:
            return None
        try:
            value = keys.unseal_json(key, blob, f"lives-with-pain:{copy}:{self.pair_id}:{self.user_id}")
        except keys.Unreadable:
            return None
        return value if isinstance(value, bool) else None

    def lives_with_pain_for(self, pair_key):
        """This member's answer as both partners read it, opened with the pair key the request opened: True, False,
        or None when it cannot be read (no pair key yet, or sealed under one since replaced): then it is asked again."""
        return self._opened_answer("pair", pair_key)

    @staticmethod
    def lives_with_pain_of(members, pair_key):
        """{membership pk: True, False or None} for the members given (already read: no query)."""
        return {member.pk: member.lives_with_pain_for(pair_key) for member in members}

    def _save_answer(self, fields):
        if fields:
            Membership.objects.filter(pk=self.pk).update(**fields)
            for name, sealed in fields.items():
                setattr(self, name, sealed)

    def set_lives_with_pain(self, value, pair_key, data_key):
        """The member's own new answer. Without the pair key (not handed over yet) the pair's copy is emptied, so
        the partner never reads an old answer; it is sealed again at this member's next visit (settle_...)."""
        self._save_answer(Membership.lives_with_pain_fields(value, self.pair_id, self.user_id, pair_key, data_key))

    def settle_lives_with_pain(self, pair_key, data_key):
        """At the member's own visit: their answer from whichever copy opens, sealed again where it does not (under
        a new pair key after a partner left, under their own key once they hold the pair's copy or started afresh).
        Their own copy wins: only they write it. None when neither opens: the pair page asks again."""
        own, shared = self._opened_answer("own", data_key), self.lives_with_pain_for(pair_key)
        value = shared if own is None else own
        fields = Membership.lives_with_pain_fields(
            value, self.pair_id, self.user_id, pair_key if shared != value else None, data_key if own != value else None
        )
        self._save_answer({name: sealed for name, sealed in fields.items() if sealed is not None})
        return value

    def move_lives_with_pain(self, old_pair_key, new_pair_key, old_data_key=None, new_data_key=None):
        """A re-key (User.rekey): the pair's copy to the new pair key; the own copy too when its data keys are given."""
        fields = {}
        if new_pair_key is not None:
            fields["sealed_lives_with_pain"] = self._sealed_answer(
                "pair", new_pair_key, self._opened_answer("pair", old_pair_key), self.pair_id, self.user_id
            )
        if new_data_key is not None:
            fields["own_sealed_lives_with_pain"] = self._sealed_answer(
                "own", new_data_key, self._opened_answer("own", old_data_key), self.pair_id, self.user_id
            )
        self._save_answer(fields)

    @staticmethod
    def seal_pair_key(pair_key, user, pair_id):
        return keys.seal_to(user.public_key, pair_key, f"pair-key:{pair_id}") if user.has_keys else None

    @staticmethod
    def key_pin_for(pair_key, user, pair_id):
        """A MAC of `user`'s public key under the pair key: only someone holding the pair key can make one."""
        return (
            keys.token(pair_key, "public-key", pair_id, user.pk, bytes(user.public_key).hex())
            if user.has_keys
            else None
        )

    def key_is_pinned(self, pair_key):
        """Whether this member's public key is the one the pair pinned (checked before handing them anything)."""
        expected = Membership.key_pin_for(pair_key, self.user, self.pair_id)
        return expected is not None and self.key_pin is not None and hmac.compare_digest(bytes(self.key_pin), expected)

    def open_pair_key(self, data_key):
        """This pair's key, opened with the member's own data key; None if it was never handed to them."""
        if not self.sealed_pair_key:
            return None
        return self.user.open_sealed_to_me(data_key, self.sealed_pair_key, f"pair-key:{self.pair_id}")

    def hand_pair_key_to_partner(self, pair_key, partner):
        """Seal the pair key to a partner who has none yet (they made their keys after joining), but only to the
        public key the pair pinned: a key that has changed since waits until this member says it is theirs."""
        if partner.sealed_pair_key or not partner.key_is_pinned(pair_key):
            return
        sealed = Membership.seal_pair_key(pair_key, partner.user, self.pair_id)
        if sealed and Membership.objects.filter(pk=partner.pk, sealed_pair_key=None).update(sealed_pair_key=sealed):
            partner.sealed_pair_key = sealed

    def take_new_pair_key(self, pair):
        """After this member re-keyed (User.rekey): the new pair key to them and to a partner whose key the pair
        pinned (checked under the old pair key); anyone else waits to be confirmed. Everyone's tokens are remade."""
        if pair is None:  # they could not open the old pair key: their partner confirms their new key
            Membership.objects.filter(pk=self.pk).update(sealed_pair_key=None, tokens_complete=False)
        else:
            for member in Membership.objects.filter(pair_id=self.pair_id).select_related("user"):
                user = self.user if member.pk == self.pk else member.user  # mine: the new key pair, held now
                trusted = member.pk == self.pk or member.key_is_pinned(pair.old_key)
                Membership.objects.filter(pk=member.pk).update(
                    tokens_complete=False,
                    sealed_pair_key=Membership.seal_pair_key(pair.new_key, user, self.pair_id) if trusted else None,
                    key_pin=Membership.key_pin_for(pair.new_key, user, self.pair_id) if trusted else member.key_pin,
                )
        self.refresh_from_db()

    def make_own_pair_key(self, data_key):
        """A new pair key for a member alone in their pair, sealed to their own key pair as their private key
        says it is, and pinned (keyring.open_pair_key decides when)."""
        public = keys.public_key_of(self.user.private_key_sealed, data_key, "private-key")
        if bytes(self.user.public_key or b"") != public:
            return  # the stored public key is not this person's: hand nothing to it
        pair_key = keys.new_key()
        Membership.objects.filter(pk=self.pk, sealed_pair_key=None).update(
            sealed_pair_key=keys.seal_to(public, pair_key, f"pair-key:{self.pair_id}"),
            key_pin=Membership.key_pin_for(pair_key, self.user, self.pair_id),
            tokens_complete=False,
        )

    def partner_key_changed(self, pair_key, partner):
        """The partner has no pair key and a public key the pair never pinned (they started afresh, say)."""
        return (
            partner is not None
            and not partner.sealed_pair_key
            and partner.user.has_keys
            and not partner.key_is_pinned(pair_key)
        )

    def vouch_for_partner(self, pair_key, partner):
        """This member says the partner's new key is really theirs: pinned now, and the pair key handed over."""
        partner.key_pin = Membership.key_pin_for(pair_key, partner.user, self.pair_id)
        Membership.objects.filter(pk=partner.pk).update(key_pin=partner.key_pin)
        self.hand_pair_key_to_partner(pair_key, partner)

    def has_partner(self):
        """True when the other seat in the pair is taken."""
        return self.pair.members.exclude(pk=self.pk).exists()

    def is_empty_pair_of_my_own(self):
        """Alone in a pair nobody else ever joined, with nobody asking to: using a partner's code may drop it."""
        pair = self.pair
        return (
            not self.partner_left
            and not pair.members.exclude(pk=self.pk).exists()
            and not pair.invites.waiting_for_an_answer().exists()
        )

    @transaction.atomic
    def leave(self):
        """The one way a seat is freed, whether someone leaves or deletes their account: all of it, or none.

        Open invites stop working, listeners end what the pair was doing
        together, the partner left behind is told and can invite again, and an
        empty pair is deleted. Each person's own marks stay theirs.
        """
        pair = self.pair
        pair.invites.filter(accepted_at=None, revoked_at=None).update(revoked_at=timezone.now())
        for released in registry.each("seat_released"):
            released(pair_id=pair.pk, user=self.user)
        self.delete()
        left_behind = list(pair.members.select_related("user"))
        for member in left_behind:
            # No pair key now: at their next visit they make a new one for themselves (keyring.open_pair_key), so
            # whoever left can never read what this pair does next, and no key is sealed to a stored public key.
            Membership.objects.filter(pk=member.pk).update(
                partner_left=True,
                tokens_complete=False,
                sealed_pair_key=None,
                key_pin=None,
                sealed_lives_with_pain=None,  # sealed under the old pair key; their own copy brings it back
            )
        if not left_behind:
            pair.delete()


@dataclass(frozen=True)
class PairKeys:
    """A pair's key before and after one member re-keyed (User.rekey), for each app's `reseal`."""

    pair_id: int
    old_key: bytes
    new_key: bytes


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
    # Whether the person asking lives with the pain, sealed to the inviting partner's public key (the asker holds no
    # pair key yet); at accept the inviter seals it under the pair key (Membership.sealed_lives_with_pain).
    sealed_requester_lives_with_pain = models.BinaryField(null=True, editable=False)
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
    def ask_to_join_instead(cls, code, user, lives_with_pain, own):
        """Both made an invite: `own` (an empty pair of this person's, see is_empty_pair_of_my_own) is dropped,
        with its invite, and the code asks to join the partner's pair; all of it or none (own is kept on a bad code)."""
        invite = cls.objects.usable().filter(code=normalise_code(code)).first()
        if invite is None or invite.pair_id == own.pair_id or not own.is_empty_pair_of_my_own():
            return None
        own.leave()
        asked = cls.ask_to_join(code, user, lives_with_pain)
        if asked is None:
            transaction.set_rollback(True)  # their invite went a moment ago: keep this person's own pair
        return asked

    @classmethod
    @transaction.atomic
    def ask_to_join(cls, code, user, lives_with_pain):
        """Use a code to ask to join its pair. Returns the invite, or None for any code that cannot be used."""
        invite = cls.objects.usable().filter(code=normalise_code(code)).select_related("pair").first()
        inviter = invite.pair.members.select_related("user").first() if invite else None
        if invite is None or invite.pair.free_seat() is None or inviter is None:
            return None
        if Membership.objects.filter(user=user).exists():
            return None
        answer = json.dumps(bool(lives_with_pain)).encode().ljust(PAIN_SIZES[0])
        sealed = (
            keys.seal_to(inviter.user.public_key, answer, invite._pain_context(user.pk))
            if inviter.user.has_keys
            else None
        )
        asked = cls.objects.filter(pk=invite.pk, used_at=None).update(
            used_at=timezone.now(), requested_by=user, sealed_requester_lives_with_pain=sealed
        )
        return invite if asked else None  # someone else used it a moment ago

    def _pain_context(self, requester_id):
        return f"join-lives-with-pain:{self.pair_id}:{self.pk}:{requester_id}"

    def requester_lives_with_pain(self, inviter, data_key):
        """The asker's answer, opened by the inviter with their data key; None if it does not open."""
        try:
            answer = inviter.open_sealed_to_me(
                data_key, self.sealed_requester_lives_with_pain, self._pain_context(self.requested_by_id)
            )
            value = json.loads(answer)
        except (keys.Unreadable, ValueError, TypeError):
            return None
        return value if isinstance(value, bool) else None

    @transaction.atomic
    def accept(self, pair_key=None, inviter=None, data_key=None):
        """Seat the person who asked, handing them the pair key and their answer about the pain (both from the
        accepting partner's session: `inviter` and their `data_key`). Returns their Membership, or None if that
        can no longer happen. Without the keys, the new partner's answer is asked again on their pair page."""
        if not Invite.objects.waiting_for_an_answer().filter(pk=self.pk).update(accepted_at=timezone.now()):
            return None
        seat = self.pair.free_seat()
        if seat is None or self.requested_by_id is None:  # waiting_for_an_answer() means someone asked
            return None
        try:
            with transaction.atomic():
                joined = Membership.objects.create(
                    user_id=self.requested_by_id,
                    pair=self.pair,
                    seat=seat,
                    **Membership.lives_with_pain_fields(
                        self.requester_lives_with_pain(inviter, data_key) if inviter and data_key else None,
                        self.pair_id,
                        self.requested_by_id,
                        pair_key,
                        None,
                    ),
                    sealed_pair_key=Membership.seal_pair_key(pair_key, self.requested_by, self.pair_id)
                    if pair_key
                    else None,
                    key_pin=Membership.key_pin_for(pair_key, self.requested_by, self.pair_id) if pair_key else None,
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
