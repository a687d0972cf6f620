"""The small district of tests.sar.factories.make_district and a finished run of each
office; a module that needs other data defines its own ``district`` or ``run``."""

import pytest

from tests.sar.factories import make_district
from tests.sar.synthesis.runs import finished_run


@pytest.fixture
def district(office, cluster, other_office, academic_year):
    return make_district(office, cluster, other_office)


@pytest.fixture
def run(district, office, academic_year):
    return finished_run(office, academic_year)


@pytest.fixture
def other_run(district, other_office, academic_year):
    return finished_run(other_office, academic_year)
