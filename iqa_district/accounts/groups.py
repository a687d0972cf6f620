"""The "district admin" group: the model permissions a district admin needs in the admin.

A district admin is staff but not a superuser (product.md); the admin pages scope every
row to his office (``iqa_district.admin_scoping``), and this group says which models he may
touch at all. The data migration ``accounts.0004`` creates it for real districts and
``seed_demo`` for the demo; both call ``district_admin_group_ensure``, which is idempotent.
"""

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps

DISTRICT_ADMIN_GROUP = "ผู้ดูแลระบบของเขต"

ALL = ("add", "change", "delete", "view")
NO_DELETE = ("add", "change", "view")
VIEW = ("view",)

# Deliberately absent: auth.group and auth.permission (a district admin would grant himself
# anything), the SAR's own rows (they change through the SAR pages and services only) and
# the synthesis runs' writes (started and published through the synthesis pages).
DISTRICT_ADMIN_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "accounts": {"user": NO_DELETE},
    "schools": {
        "areaoffice": ("change", "view"),
        "cluster": ALL,
        "school": NO_DELETE,
        "academicyear": NO_DELETE,
        "schoolimport": VIEW,
    },
    "standards": {
        "standardset": ALL,
        "standard": ALL,
        "item": ALL,
        "schooltarget": ALL,
        "targetlock": VIEW,
    },
    "sar": {
        "selfassessmentreport": ("change", "view"),
        "sarversion": VIEW,
        "sarevent": VIEW,
        "synthesisrun": VIEW,
    },
    "supervision": {
        "committee": ALL,
        "committeemember": NO_DELETE,
        "formtemplate": ALL,
        "formsection": ALL,
        "formitem": ALL,
        "visit": ALL,
        "visitanswer": VIEW,
        "visitevent": VIEW,
        "selfevaluation": ALL,
        "selfevaluationlevel": ALL,
    },
}


def district_admin_group_ensure(apps: Apps = global_apps) -> Any:
    """Create the group if missing and give it exactly the permissions above.

    ``apps`` is the migration's historical registry or the live one; the permissions must
    already exist (the migration creates them first).
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    group, _created = group_model.objects.get_or_create(name=DISTRICT_ADMIN_GROUP)
    wanted = []
    for app_label, models in DISTRICT_ADMIN_PERMISSIONS.items():
        for model, actions in models.items():
            codenames = [f"{action}_{model}" for action in actions]
            found = list(
                permission_model.objects.filter(
                    content_type__app_label=app_label,
                    content_type__model=model,
                    codename__in=codenames,
                )
            )
            if len(found) != len(codenames):
                # A renamed model must not silently leave district admins without rights.
                raise LookupError(f"missing permissions for {app_label}.{model}: {codenames}")
            wanted.extend(found)
    group.permissions.set(wanted)
    return group
