"""The responding-with-care file a writer edits (programme/content/responses.yaml): read and checked."""

import pytest

from programme import responses


def test_the_shipped_file_tags_every_option_of_the_supporting_partner():
    content = responses.read()
    kinds = {option.kind for option in content.responded.options}
    assert {"encouraging", "worried"} <= kinds
    assert {option.kind for option in content.helped.options} == {"neutral"}
    assert content.responded.note and content.helped.note
    assert all("stop" in content.patterns[name] for name in ("encouraging", "worried", "mixed"))


@pytest.mark.parametrize(
    "break_it, says",
    [
        (lambda text: text.replace("kind: worried", "kind: anxious", 1), "known kind"),
        (lambda text: text.replace("key: hug,", "key: Hug Me,"), "short lower-case key"),
        (lambda text: text.replace("key: kept-asking", "key: hugged"), "each key once"),
        (lambda text: text.replace("  mixed:", "  muddled:"), "'mixed' is missing"),
    ],
)
def test_a_broken_file_is_refused_naming_what_is_wrong(tmp_path, break_it, says):
    broken = tmp_path / "responses.yaml"
    broken.write_text(break_it(responses.CONTENT.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(responses.ContentError, match=says):
        responses.read(broken)
    assert responses.check_the_file() == []  # the shipped file itself is fine
