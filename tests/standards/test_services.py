"""The target lock Standards owns: set, read, cleared, and written for SARs sent before it existed."""

import importlib

from django.apps import apps

from sar.models import SelfAssessmentReport
from standards.models import TargetLock
from standards.services import targets_lock, targets_locked, targets_unlock
from tests.factories import SchoolFactory

Status = SelfAssessmentReport.Status


def test_lock_is_per_school_and_year_and_idempotent(school, office, academic_year):
    other = SchoolFactory(area_office=office)
    assert not targets_locked(school=school, academic_year=academic_year)
    targets_lock(school=school, academic_year=academic_year)
    targets_lock(school=school, academic_year=academic_year)
    assert TargetLock.objects.count() == 1
    assert targets_locked(school=school, academic_year=academic_year)
    assert not targets_locked(school=other, academic_year=academic_year)


def test_unlock_clears_only_that_school_and_year(school, office, academic_year):
    other = SchoolFactory(area_office=office)
    targets_lock(school=school, academic_year=academic_year)
    targets_lock(school=other, academic_year=academic_year)
    targets_unlock(school=school, academic_year=academic_year)
    targets_unlock(school=school, academic_year=academic_year)  # twice is harmless
    assert not targets_locked(school=school, academic_year=academic_year)
    assert targets_locked(school=other, academic_year=academic_year)


def test_migration_locks_exactly_the_sars_already_with_the_district(office, academic_year):
    migration = importlib.import_module("sar.migrations.0003_lock_targets_of_sent_sars")
    schools = {status: SchoolFactory(area_office=office) for status in Status.values}
    for status, school in schools.items():
        SelfAssessmentReport.objects.create(
            school=school, academic_year=academic_year, status=status
        )
    migration.lock_targets_of_sent_sars(apps, schema_editor=None)
    migration.lock_targets_of_sent_sars(apps, schema_editor=None)  # a re-run adds nothing
    locked = set(TargetLock.objects.values_list("school_id", flat=True))
    assert locked == {schools[Status.SUBMITTED].pk, schools[Status.ACCEPTED].pk}
