"""Lock the targets of every SAR already with the district.

Until standards.TargetLock existed, standards read the lock off the SAR's status: a
submitted or accepted SAR froze its school's targets of that year. The SAR's services
now write the lock; this writes the locks those SARs imply, dated when each was last
sent, so a deployment's frozen targets stay frozen.
"""

from django.db import migrations
from django.utils import timezone

SENT = ["submitted", "accepted"]


def lock_targets_of_sent_sars(apps, schema_editor):
    SelfAssessmentReport = apps.get_model("sar", "SelfAssessmentReport")
    TargetLock = apps.get_model("standards", "TargetLock")
    now = timezone.now()
    sent = SelfAssessmentReport.objects.filter(status__in=SENT).values_list(
        "school_id", "academic_year_id", "last_submitted_at"
    )
    TargetLock.objects.bulk_create(
        (
            TargetLock(school_id=school_id, academic_year_id=year_id, locked_at=sent_at or now)
            for school_id, year_id, sent_at in sent.iterator()
        ),
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("sar", "0002_event_revised"),
        ("standards", "0003_target_lock"),
    ]

    # Nothing to undo backwards: the code before standards.TargetLock never reads it.
    operations = [migrations.RunPython(lock_targets_of_sent_sars, migrations.RunPython.noop)]
