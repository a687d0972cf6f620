import pytest

from sar import services

from .factories import make_test_standards


@pytest.fixture
def test_standards(db):
    return make_test_standards()


@pytest.fixture
def sar(school, academic_year, school_staff, test_standards):
    """The school's SAR for the current year, opened and empty."""
    return services.sar_open(school=school, academic_year=academic_year, actor=school_staff)
