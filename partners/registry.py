"""The one list of how the apps above `partners` plug into people and pairs.

Each app registers its hooks once, in its own `AppConfig.ready()`, with `register(Hooks(...))`; `partners` then
calls every app's hook through `each(...)`, in the order of INSTALLED_APPS, and never imports an app above it.
A reader finds every hook an app has in its `apps.py`, and the import check sees each arrow.

The hooks, each optional:

- `unlocked(user, data_key)`: the person's keys were just opened (sign-up, sign-in, unlocking again): make
  whatever rows they should have (e.g. a sealed mark row for every idea).
- `reseal(user, old_data_key, new_data_key, pair)`: a re-key (User.rekey) moves this app's sealed records to the
  new keys (`pair`: PairKeys, or None outside a pair).
- `forget_unreadable(user, data_key)`: the person started afresh; records sealed under the key nobody can open
  any more go (`data_key`: the new one).
- `seat_released(pair_id, user)`: a seat was freed (Membership.leave), inside its transaction.
- `export(user, data_key) -> dict`: this app's part of "Download my data", opened with the owner's key.
- `sheet_note(user, data_key) -> (heading, lines, figure) | None`: this app's part of the person's own appointment
  sheet (`figure`: markup drawn by the app, such as small charts, or "").
- `daily()`: this app's daily tidy-up, run by `manage.py forget_idle` (e.g. expired clinician links deleted).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

HOOK_NAMES = ("unlocked", "reseal", "forget_unreadable", "seat_released", "export", "sheet_note", "daily")


@dataclass(frozen=True)
class Hooks:
    app: str
    unlocked: Callable[..., None] | None = None
    reseal: Callable[..., None] | None = None
    forget_unreadable: Callable[..., None] | None = None
    seat_released: Callable[..., None] | None = None
    export: Callable[..., dict[str, Any]] | None = None
    sheet_note: Callable[..., Any] | None = None
    daily: Callable[[], None] | None = None


_registered: dict[str, Hooks] = {}


def register(hooks: Hooks) -> None:
    """Called once per app from its AppConfig.ready(); registering an app again replaces its hooks."""
    _registered[hooks.app] = hooks


def unregister(app: str) -> None:
    _registered.pop(app, None)


def each(hook: str) -> list[Callable[..., Any]]:
    """Every registered app's `hook`, in the order of INSTALLED_APPS."""
    if hook not in HOOK_NAMES:
        raise ValueError(f"No hook is called {hook!r}.")
    from django.apps import apps

    order = {config.name: n for n, config in enumerate(apps.get_app_configs())}
    found = sorted(_registered.values(), key=lambda hooks: order.get(hooks.app, len(order)))
    return [function for hooks in found if (function := getattr(hooks, hook)) is not None]


def registered() -> dict[str, Hooks]:
    """Every app's hooks, by app name (for tests and for reading)."""
    return dict(_registered)
