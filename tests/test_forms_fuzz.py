"""Every form, fed arbitrary text, huge input and wrong types: a clear answer, never a 500,
and nothing saved half-way."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.models import ProblemReport
from conversations.models import Mark, TogetherSession
from partners.models import Invite, Membership, Pair, User

pytestmark = pytest.mark.django_db

junk = st.one_of(
    st.text(max_size=200),
    st.text(min_size=3000, max_size=12000),
    st.integers().map(str),
    st.sampled_from(["", "0", "-1", "1e309", "null", "[]", "{}", "<script>alert(1)</script>", "' OR 1=1 --"]),
).map(lambda s: s.replace("\x00", ""))
many = st.lists(junk, max_size=4)

FORMS = {
    "/where-does-it-hurt/": [
        "where",
        "feels",
        "started",
        "happens",
        "context",
        "pregnant",
        "recent",
        "age",
        "body",
        "urgent",
        "unwanted",
    ],
    "/appointment/": [
        "where",
        "feels",
        "started",
        "happens",
        "context",
        "pregnant",
        "recent",
        "age",
        "body",
        "urgent",
        "unwanted",
    ],
    "/account/sign-in/": ["username", "password", "next"],
    "/account/delete/": ["passphrase"],
    "/pair/join/": ["code", "lives_with_pain"],
    "/pair/invite/": ["lives_with_pain"],
    "/pair/answer/": ["answer"],
    "/pair/pain/": ["lives_with_pain"],
    "/account/recover/": ["username", "recovery_code", "new_password1", "new_password2"],
    "/account/passphrase/": ["old_password", "new_password1", "new_password2"],
    "/pair/settings/": ["show_maybes", "hide_matches", "from"],
    "/together/start/": ["what"],
    "/together/move/": ["to", "v"],
    "/together/pause/": ["paused"],
    "/marks/": ["idea", "choice", "side", "next"],
    "/report-a-problem/": ["page", "text"],
    "/programme/check-in/": ["pain_touch", "pain_insertion", "fear", "worry", "closeness", "show"],
    "/programme/check-in/show/": ["check_in", "show"],
    "/appointment/link/": ["where", "feels", "started", "urgent", "with_partner_questions"],
    "/appointment/partner-questions/": ["questions", "agreed"],
}


def state():
    return (
        ProblemReport.objects.count(),
        User.objects.count(),
        Mark.objects.count(),
        Membership.objects.count(),
        Pair.objects.count(),
        Invite.objects.count(),
        TogetherSession.objects.count(),
    )


@pytest.mark.parametrize("path", FORMS)
def test_junk_never_breaks_a_form(path, partner_with_pain, supporting_partner, pair):
    client = Client(raise_request_exception=True)
    client.force_login(partner_with_pain)
    TogetherSession.objects.create(pair=pair)

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(values=st.fixed_dictionaries({name: st.one_of(junk, many) for name in FORMS[path]}))
    def post(values):
        before = state()
        response = client.post(path, values)
        assert response.status_code < 500
        if path in {"/account/delete/", "/pair/join/", "/pair/invite/", "/together/start/", "/report-a-problem/"}:
            assert state() == before  # junk never creates or deletes anything

    post()
