"""Usernames: what counts as the same name.

Names are ASCII letters, digits and @ . + - _ only, so no other alphabet can
imitate one. Within ASCII, `name_key` folds case and the usual look-alikes
(0/o, 1/l/i, rn/m, vv/w), so "Alice1", "ALICE1" and "alicel" are one name: one
account at sign-up and one shared limit at sign-in.
"""

import unicodedata

MAX_LENGTH = 40
LOOK_ALIKES = [("rn", "m"), ("vv", "w"), ("0", "o"), ("1", "l"), ("i", "l"), ("|", "l")]


def name_key(username):
    key = unicodedata.normalize("NFKC", str(username)).casefold()
    for look_alike, letter in LOOK_ALIKES:
        key = key.replace(look_alike, letter)
    return key[: MAX_LENGTH * 2]
