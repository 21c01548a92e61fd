"""The check-in file a writer edits (programme/content/check-in.yaml): read and checked, with a clear message."""

import pytest

from programme import check_ins
from programme.models.private import CHECK_IN_ANSWERS


def test_the_shipped_file_asks_every_question_on_a_named_measure():
    content = check_ins.read()
    assert sorted(q.key for q in content.questions) == sorted(CHECK_IN_ANSWERS)
    for question in content.questions:
        assert question.measure in content.measures and question.short and question.low and question.high
    assert {q.asks for q in content.questions} == {"pain", "partner", "everyone"}


@pytest.mark.parametrize(
    "break_it, says",
    [
        (lambda text: text.replace("  - key: worry", "  - key: wory"), "must be exactly"),
        (lambda text: text.replace("measure: own_item", "measure: made_up", 1), "unknown `for`, `measure`"),
        (lambda text: text.replace("better: higher", "better: sideways"), "unknown `for`, `measure`"),
        (lambda text: text.replace("every_days:", "every_day:"), "'every_days' is missing"),
    ],
)
def test_a_broken_file_is_refused_naming_what_is_wrong(tmp_path, break_it, says):
    broken = tmp_path / "check-in.yaml"
    broken.write_text(break_it(check_ins.CONTENT.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(check_ins.ContentError, match=says):
        check_ins.read(broken)


def test_manage_check_stops_on_a_broken_file(tmp_path, monkeypatch):
    broken = tmp_path / "check-in.yaml"
    broken.write_text("questions: [", encoding="utf-8")
    monkeypatch.setattr(check_ins, "CONTENT", broken)
    monkeypatch.setattr(check_ins.read, "__defaults__", (broken,))
    [error] = check_ins.check_the_file()
    assert error.id == "programme.E001"
    monkeypatch.undo()
    assert check_ins.check_the_file() == []


def test_a_file_in_an_odd_shape_is_reported_not_a_crash(tmp_path, monkeypatch):
    odd = tmp_path / "check-in.yaml"
    odd.write_text(check_ins.CONTENT.read_text(encoding="utf-8").replace("for: pain", "for: [pain]", 1), "utf-8")
    monkeypatch.setattr(check_ins.read, "__defaults__", (odd,))
    [error] = check_ins.check_the_file()
    assert error.id == "programme.E001"
