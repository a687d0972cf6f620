"""Create the answer rows of every unpublished visit that has none.

Until now the rows were created by the first opening of the fill page (a GET that
wrote); they are now created when a visit is planned, so visits planned before this
change get theirs here. Published visits are left as they were published."""

from django.db import migrations


def prepare(apps, schema_editor):
    historical = apps.get_model("supervision", "Visit")
    pending = list(
        historical.objects.filter(answers__isnull=True)
        .exclude(status="published")
        .values_list("pk", flat=True)
    )
    if not pending:
        return
    # The rows are built by the service's rules (applicable standard sets, targets, SAR
    # levels), which need the real models; on a fresh database nothing is pending, so
    # this import only runs against a schema that matches them.
    from supervision.models import Visit
    from supervision.services import visit_prepare_answers

    for visit in Visit.objects.filter(pk__in=pending).select_related("template", "school"):
        visit_prepare_answers(visit=visit)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0004_visit_locks_and_submission_keys"),
        # The service reads targets and SAR results: their tables as the models know them.
        ("standards", "0003_target_lock"),
        ("sar", "0003_lock_targets_of_sent_sars"),
    ]

    operations = [migrations.RunPython(prepare, migrations.RunPython.noop)]
