"""HEAD is answered wherever GET is, with no body."""

import pytest

from tests.test_access_matrix import PUBLIC

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", [p for p in PUBLIC if p != "/admin/login/"])
def test_head_is_answered_where_get_is(client, path):
    response = client.head(path)
    assert response.status_code == client.get(path).status_code == 200
    assert response.content == b""
