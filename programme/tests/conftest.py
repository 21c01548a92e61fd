import pytest

from programme.models import Stage


@pytest.fixture
def stages(db):
    return list(Stage.objects.all())


@pytest.fixture
def first_practice(stages):
    return stages[0].practices.first()
