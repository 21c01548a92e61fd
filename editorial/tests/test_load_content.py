"""load_content: files are the one source of truth, loaded idempotently, all or nothing."""

import pytest
from django.core.management import CommandError

from conditions import content_loader as conditions_loader
from conditions.models import Condition, Page
from conversations import content_loader as conversations_loader
from conversations.models import Idea, IdeaCategory, Script, Step, TogetherSession
from conversations.tests.marks import answer, mark

from .conftest import edit, load

pytestmark = pytest.mark.django_db


def test_the_database_matches_the_files():
    folder = conditions_loader.FOLDER
    assert set(Condition.objects.values_list("slug", flat=True)) == {
        p.stem for p in (folder / "conditions").glob("*.md")
    }
    assert set(Page.objects.values_list("slug", flat=True)) == {p.stem for p in (folder / "pages").glob("*.md")}
    scripts = conversations_loader.FOLDER / "scripts"
    assert set(Script.objects.values_list("slug", flat=True)) == {p.stem for p in scripts.glob("*.md")}
    first_talk = (scripts / "first-talk.md").read_text()
    assert Script.objects.get(slug="first-talk").steps.count() == first_talk.count("\n## ")
    assert Idea.objects.count() >= 52


def test_loading_again_changes_nothing(content):
    assert load().strip().endswith("0 added, 0 changed, 0 retired, 0 removed.")


def test_an_edited_file_updates_an_existing_database(content):
    edit(content / "conditions/conditions/vaginismus.md", "name: Vaginismus", "name: Vaginismus (edited)")
    edit(content / "conversations/scripts/check-in.md", "title: ", "title: Edited ")
    output = load()
    assert "changed condition: Vaginismus (edited) (name)" in output
    assert Condition.objects.get(slug="vaginismus").name == "Vaginismus (edited)"
    assert Script.objects.get(slug="check-in").title.startswith("Edited ")
    assert "1 changed" not in output and "2 changed" in output


def test_steps_keep_their_rows_and_extra_steps_go(content):
    script = Script.objects.get(slug="check-in")
    before = list(script.steps.values_list("pk", flat=True))
    path = content / "conversations/scripts/check-in.md"
    text = path.read_text()
    path.write_text(text[: text.rindex("\n## ")] + "\n")  # drop the last step
    load()
    assert list(script.steps.values_list("pk", flat=True)) == before[:-1]


@pytest.mark.parametrize(
    "file, old, new, message",
    [
        (
            "conditions/conditions/vulvodynia.md",
            "where_felt:",
            "wher_felt:",
            "unknown field 'wher_felt' (did you mean 'where_felt'?)",
        ),
        (
            "conditions/conditions/vulvodynia.md",
            "reviewed_on: 20",
            "reviewed_on: 31/12/20",
            "'reviewed_on' must be a date",
        ),
        ("conditions/conditions/vulvodynia.md", "  url: https://", "  url: http://", "must be a full https:// link"),
        ("conditions/conditions/vulvodynia.md", "summary:", "summry:", "missing field 'summary'"),
        ("conditions/conditions/vulvodynia.md", "## Support", "## Help", "needs exactly these '## ' sections"),
        ("conditions/pages/support.md", "slug: support", "slug: Support Page", "lowercase letters"),
        ("conversations/scripts/first-talk.md", "## Both of you", "## Everyone", "must name who reads it"),
        ("conversations/scripts/first-talk.md", "minutes: 15", "minutes: a while", "must be a whole number"),
        ("conversations/ideas/touch.md", "two_sided: true", "two_sided: yes", "must be true or false"),
        (
            "conditions/pages/what-to-do.md",
            "(/talk/)",
            "(/talk/no-such-script/)",
            "goes to a page no content file publishes",
        ),
        ("conditions/pages/what-to-do.md", "(/talk/)", "(/nowhere/at/all/)", "goes to no page of this site"),
        ("conditions/pages/what-to-do.md", "::: callout", "::: shout", "unknown box"),
    ],
)
def test_a_broken_file_fails_with_its_name_and_line_and_loads_nothing(content, file, old, new, message):
    edit(content / "conditions/conditions/vaginismus.md", "name: Vaginismus", "name: Not loaded")
    edit(content / file, old, new)
    line = next(
        n
        for n, text in enumerate((content / file).read_text().split("\n"), start=1)
        if new.split(":")[0].strip() in text
    )
    with pytest.raises(CommandError) as error:
        load()
    assert message in str(error.value)
    assert f"{file.split('/', 1)[1]}:" in str(error.value).replace(file.split("/")[0] + "/content/", "")
    if "section" not in message and "link" not in message and "box" not in message:
        assert f":{line}: " in str(error.value)
    assert Condition.objects.get(slug="vaginismus").name == "Vaginismus"


@pytest.mark.parametrize(
    "folder, source, slug, address",
    [
        ("conditions/pages", "support", "privacy", "/privacy/"),  # the privacy page is the site's own
        ("conditions/conditions", "vaginismus", "find", "/library/find/"),  # Find a topic
        ("programme/stages", "whole-body-touch", "solo", "/programme/solo/"),  # the solo guides' list
        ("programme/solo", "relaxation", "log", "/programme/solo/log/"),
    ],
)
def test_a_slug_whose_address_the_site_already_uses_is_refused(content, folder, source, slug, address):
    text = (content / folder / f"{source}.md").read_text()
    (content / folder / f"{slug}.md").write_text(text.replace(f"slug: {source}\n", f"slug: {slug}\n", 1))
    if folder == "programme/stages":  # a stage needs a number of its own
        (content / folder / f"{slug}.md").write_text(
            (content / folder / f"{slug}.md").read_text().replace("number: 2\n", "number: 5\n", 1)
        )
    with pytest.raises(CommandError) as error:
        load()
    assert f"{slug}.md:" in str(error.value) and f"gives {address}, which another page of the site already uses" in str(
        error.value
    )


def test_a_session_called_sources_is_refused_with_the_reason(content):
    edit(
        content / "programme/stages/whole-body-touch.md",
        "## Session: ",
        "## Session: Sources\n\nA session.\n\n## Session: ",
    )
    with pytest.raises(CommandError) as error:
        load()
    assert (
        "'Sources': a session cannot be called this, because /programme/whole-body-touch/sources/ lists the stage's sources"
        in str(error.value)
    )


def test_a_file_that_is_not_yaml_or_not_utf8_is_named(content):
    (content / "conditions/pages/broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    (content / "conditions/pages/latin1.md").write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    with pytest.raises(CommandError) as error:
        load()
    assert "pages/broken.md:2: the header is not valid YAML" in str(error.value)
    assert "pages/latin1.md:1: is not UTF-8 text" in str(error.value)


def test_check_only_changes_nothing(content):
    edit(content / "conditions/conditions/vaginismus.md", "name: Vaginismus", "name: Checked only")
    assert "Every content file is fine." in load("--check")
    assert Condition.objects.get(slug="vaginismus").name == "Vaginismus"


def test_an_idea_people_marked_is_retired_never_deleted(content, partner_with_pain):
    idea = Idea.objects.get(slug="hand-massage")
    mark(partner_with_pain, idea, "yes")
    edit(content / "conversations/ideas/touch.md", "- slug: hand-massage\n", "- slug: hand-massage\n  retired: true\n")
    assert "retired idea: Slow hand massage" in load()
    idea.refresh_from_db()
    assert idea.retired and answer(partner_with_pain, idea) == ("yes", "either")
    assert idea not in Idea.objects.current()


def test_removing_a_marked_idea_is_refused(content, partner_with_pain):
    mark(partner_with_pain, Idea.objects.get(slug="foot-rub"), "yes")  # sealed: which idea it is on cannot be known
    path = content / "conversations/ideas/touch.md"
    text = path.read_text()
    start = text.index("- slug: hand-massage")
    path.write_text(text[:start] + text[text.index("- slug:", start + 1) :])
    with pytest.raises(CommandError, match="people have marked ideas: keep it with 'retired: true'"):
        load()
    assert Idea.objects.filter(slug="hand-massage").exists()


def test_removing_a_script_couples_used_is_refused(content, pair):
    TogetherSession.objects.create(pair=pair, script=Script.objects.get(slug="check-in"))
    (content / "conversations/scripts/check-in.md").unlink()
    edit(content / "conditions/conditions/vaginismus.md", "name: Vaginismus", "name: Loaded before the refusal")
    with pytest.raises(CommandError, match="keep its file with 'retired: true'"):
        load()
    assert Script.objects.filter(slug="check-in").exists()
    assert Condition.objects.get(slug="vaginismus").name == "Vaginismus"  # one transaction: nothing half-loaded


def test_an_unused_item_whose_file_is_gone_is_removed(content):
    (content / "conditions/pages/for-partners.md").unlink()
    for path in (content / "conditions/pages").glob("*.md"):  # no page links to it any more
        path.write_text(path.read_text().replace("(/for-partners/)", "(/library/)"))
    assert "removed page: For the partner" in load()
    assert not Page.objects.filter(slug="for-partners").exists()
    assert IdeaCategory.objects.count() == 6 and Step.objects.exists()


def test_changed_ideas_make_every_member_remake_their_tokens(content, pair):
    """Each person keeps the same number of match tokens per idea: when ideas change, everyone's are remade."""
    from partners.models import Membership

    Membership.objects.update(tokens_complete=True)
    load()  # nothing changed
    assert Membership.objects.filter(tokens_complete=False).count() == 0
    edit(
        content / "conversations/ideas/touch.md",
        "  flare_friendly: true\n  two_sided: true\n",
        "  flare_friendly: true\n  two_sided: false\n",
    )
    load()
    assert Membership.objects.filter(tokens_complete=True).count() == 0
