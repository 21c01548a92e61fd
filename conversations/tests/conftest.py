import pytest

from conversations.models import Script, Speaker, Step


@pytest.fixture
def make_script(db):
    """A script beyond the shipped six, with `steps` steps alternating speakers."""

    def make(slug="test-script", steps=3):
        script = Script.objects.create(slug=slug, title=f"Test {slug}", order=99, when_it_helps="Whenever.", minutes=5)
        speakers = [Speaker.PAIN, Speaker.PAIN, Speaker.SUPPORT, Speaker.BOTH]
        Step.objects.bulk_create(
            Step(script=script, order=n, speaker=speakers[n % len(speakers)], prompt=f"Prompt {n}.")
            for n in range(1, steps + 1)
        )
        return script

    return make


def progress_cookie(response):
    return response.cookies.get("talk_progress")
