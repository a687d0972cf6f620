"""Seed 003's committee rules: what the area-office representative is (and the training),
the administrator's level of education; the school's own committee as a list of people.

The school committee was free text: each line (or comma-separated part) becomes a member,
a line that starts with "คำสั่ง" becomes the order reference, and the role is read from
the words the line ends with (ประธาน…, …เลขานุการ, กรรมการ)."""

import re

import django.db.models.deletion
from django.db import migrations, models

TITLES = ("นางสาว", "นาง", "นาย", "ว่าที่", "ดร.", "ผศ.", "รศ.", "Mr", "Mrs", "Ms")
ROLE_SUFFIXES = (
    ("กรรมการและเลขานุการ", "secretary"),
    ("เลขานุการ", "secretary"),
    ("ประธานกรรมการ", "chair"),
    ("ประธาน", "chair"),
    ("กรรมการ", "member"),
)
BULLET = re.compile(r"^[\s\-•*]*(?:[0-9๐-๙]+[.)]\s*)?")


def parse_committee_text(text):
    """(order reference, [(name, position, role)]) from the old free text."""
    order, members = "", []
    for part in re.split(r"[\n,;]+", text or ""):
        line = BULLET.sub("", part).strip()
        if not line:
            continue
        if line.startswith("คำสั่ง"):
            order = order or line[:255]
            continue
        role = "member"
        for suffix, code in ROLE_SUFFIXES:
            if line.endswith(suffix) and len(line) > len(suffix):
                role, line = code, line[: -len(suffix)].strip()
                break
        words = line.split()
        if len(words) >= 3 and words[0].startswith(TITLES):
            name, position = " ".join(words[:2]), " ".join(words[2:])
        else:
            name, position = line, ""
        members.append((name[:255], position[:255], role))
    return order, members


def carry_committee_text(apps, schema_editor):
    SelfEvaluation = apps.get_model("supervision", "SelfEvaluation")
    Member = apps.get_model("supervision", "SelfEvaluationCommitteeMember")
    for evaluation in SelfEvaluation.objects.exclude(committee="").iterator():
        order, members = parse_committee_text(evaluation.committee)
        evaluation.committee_order = order
        evaluation.save(update_fields=["committee_order"])
        Member.objects.bulk_create(
            Member(self_evaluation=evaluation, order=n, name=name, position=position, role=role)
            for n, (name, position, role) in enumerate(members, start=1)
        )


def restore_committee_text(apps, schema_editor):
    SelfEvaluation = apps.get_model("supervision", "SelfEvaluation")
    Member = apps.get_model("supervision", "SelfEvaluationCommitteeMember")
    labels = {"chair": "ประธานกรรมการ", "member": "กรรมการ", "secretary": "กรรมการและเลขานุการ"}
    for evaluation in SelfEvaluation.objects.iterator():
        lines = [evaluation.committee_order] if evaluation.committee_order else []
        members = Member.objects.filter(self_evaluation=evaluation).order_by("order", "pk")
        lines.extend(" ".join(filter(None, [m.name, m.position, labels[m.role]])) for m in members)
        evaluation.committee = "\n".join(lines)
        evaluation.save(update_fields=["committee"])


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0005_prepare_answers_of_planned_visits"),
    ]

    operations = [
        migrations.AddField(
            model_name="committeemember",
            name="agency_rep_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("deputy_director", "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา"),
                    ("trained_supervisor", "ศึกษานิเทศก์ที่ผ่านการอบรม"),
                ],
                help_text="เฉพาะผู้แทนหน่วยงานต้นสังกัด",
                max_length=20,
                verbose_name="ผู้แทนหน่วยงานต้นสังกัดในฐานะ",
            ),
        ),
        migrations.AddField(
            model_name="committeemember",
            name="education_level",
            field=models.CharField(
                blank=True,
                choices=[("ece", "ปฐมวัย"), ("primary", "ประถมศึกษา"), ("secondary", "มัธยมศึกษา")],
                help_text="เฉพาะผู้มีประสบการณ์ด้านการบริหาร: ต้องเป็นระดับเดียวกับสถานศึกษาที่ประเมิน",
                max_length=10,
                verbose_name="ระดับการศึกษาที่มีประสบการณ์ด้านการบริหาร",
            ),
        ),
        migrations.AddField(
            model_name="committeemember",
            name="training_date",
            field=models.DateField(blank=True, null=True, verbose_name="วันที่ผ่านการอบรม"),
        ),
        migrations.AddField(
            model_name="committeemember",
            name="training_name",
            field=models.CharField(
                blank=True,
                help_text="เฉพาะศึกษานิเทศก์ที่ผ่านการอบรม",
                max_length=255,
                verbose_name="หลักสูตรการอบรมที่ผ่าน",
            ),
        ),
        migrations.AddField(
            model_name="selfevaluation",
            name="committee_order",
            field=models.CharField(
                blank=True,
                help_text="เลขที่/วันที่คำสั่งของสถานศึกษา เช่น คำสั่งโรงเรียนที่ ๑๒/๒๕๖๙",
                max_length=255,
                verbose_name="คำสั่งแต่งตั้งคณะกรรมการประเมินภายใน",
            ),
        ),
        migrations.CreateModel(
            name="SelfEvaluationCommitteeMember",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="ลำดับ")),
                ("name", models.CharField(max_length=255, verbose_name="ชื่อ-สกุล")),
                ("position", models.CharField(blank=True, max_length=255, verbose_name="ตำแหน่ง")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("chair", "ประธานกรรมการ"),
                            ("member", "กรรมการ"),
                            ("secretary", "กรรมการและเลขานุการ"),
                        ],
                        default="member",
                        max_length=10,
                        verbose_name="บทบาทในคณะกรรมการ",
                    ),
                ),
                (
                    "self_evaluation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="committee_members",
                        to="supervision.selfevaluation",
                        verbose_name="การประเมินคุณภาพภายใน",
                    ),
                ),
            ],
            options={
                "verbose_name": "กรรมการประเมินภายในของสถานศึกษา",
                "verbose_name_plural": "กรรมการประเมินภายในของสถานศึกษา",
                "ordering": ["self_evaluation", "order", "pk"],
            },
        ),
        migrations.RunPython(carry_committee_text, restore_committee_text),
        migrations.RemoveField(
            model_name="selfevaluation",
            name="committee",
        ),
    ]
