"""The sealing primitives (partners/keys.py): fixed lengths, and costs read from the database that fail closed."""

import pytest
from django.test import override_settings

from partners import keys

KEY = keys.new_key()


def test_padded_json_seals_to_one_length_whatever_it_holds():
    short = keys.seal_json(KEY, {"a": 1}, "x", (64,))
    long = keys.seal_json(KEY, {"a": "é" * 20}, "x", (64,))
    assert len(short) == len(long) == keys.NONCE_BYTES + 64 + 16
    assert keys.unseal_json(KEY, long, "x") == {"a": "é" * 20}


def test_free_text_takes_the_smallest_size_that_holds_it_and_never_more_than_the_largest():
    assert keys.padded_size(10, (16, 64)) == 16 and keys.padded_size(17, (16, 64)) == 64
    with pytest.raises(keys.TooLong):
        keys.seal_json(KEY, {"a": "x" * 100}, "x", (16, 64))


def test_a_stored_cost_outside_the_accepted_range_fails_closed_before_any_work(settings, monkeypatch):
    data_key = keys.new_key()
    blob = bytearray(keys.wrap("a passphrase here", data_key, "passphrase"))
    assert keys.unwrap("a passphrase here", bytes(blob), "passphrase") == data_key

    def no_work(*args):
        raise AssertionError("scrypt ran at a cost it should have refused")

    monkeypatch.setattr(keys, "_stretch", no_work)
    for log2_n, r in [
        (22, 32),
        (settings.KEY_STRETCHING_CEILING["log2_n"] + 1, blob[2]),
        (blob[1], 32),
        (blob[1] - 1, blob[2]),
    ]:
        blob[1], blob[2] = log2_n, r  # what someone with write access could set: 16 GiB at (22, 32)
        assert keys.unwrap("a passphrase here", bytes(blob), "passphrase") is None


@override_settings(KEY_STRETCHING={"log2_n": 11, "r": 1}, KEY_STRETCHING_FLOOR={"log2_n": 10, "r": 1})
def test_keys_sealed_at_an_older_cost_still_open_while_the_floor_allows_it():
    data_key = keys.new_key()
    with override_settings(KEY_STRETCHING={"log2_n": 10, "r": 1}):
        old = keys.wrap("a passphrase here", data_key, "passphrase")
    assert keys.unwrap("a passphrase here", old, "passphrase") == data_key
