"""Demo: recommendations from last year's published synthesis in every state of their
follow-up, some overdue, some confirmed by the district. Runs after sar.synthesis.demo;
idempotent (a run already followed up gives nothing new)."""

import datetime
import random

from iqa_district.accounts.models import User

from ..models import SynthesisRun
from . import services
from .models import Recommendation

Status = Recommendation.Status
DEMO_YEAR = 2568
DUE = datetime.date(2026, 3, 31)  # before the next SAR is due: most are overdue now
# What the schools did, as they would write it.
ACTIONS = [
    "จัดทำแผนพัฒนาคุณภาพการศึกษาเพิ่มเติมในประเด็นที่ยังไม่บรรลุเป้าหมาย และนิเทศภายในทุกเดือน",
    "จัดกิจกรรมซ่อมเสริมนักเรียนกลุ่มเป้าหมายสัปดาห์ละ ๒ ครั้ง และติดตามผลทุกภาคเรียน",
    "ประชุมครูเพื่อวิเคราะห์สาเหตุ ปรับกิจกรรมการเรียนรู้ และรายงานผลต่อคณะกรรมการสถานศึกษา",
]


def seed(office, *, stdout):
    run = (
        SynthesisRun.objects.published().filter(area_office=office, academic_year=DEMO_YEAR).first()
    )
    admin = User.objects.filter(area_office=office, role=User.Role.DISTRICT_ADMIN).first()
    supervisors = User.objects.filter(area_office=office, role=User.Role.SUPERVISOR)
    supervisor = supervisors.filter(username="supervisor").first() or supervisors.first()
    if run is None or admin is None or supervisor is None:
        stdout.write("followup: no published synthesis or demo users; skipped")
        return
    given = services.recommendations_from_synthesis(run=run, actor=supervisor, due_on=DUE)
    rng = random.Random(2568)  # noqa: S311 - demo data
    states = [
        Status.OPEN,
        Status.PLANNED,
        Status.IN_PROGRESS,
        Status.DONE,
        "confirmed",
        Status.NOT_RELEVANT,
    ]
    for n, recommendation in enumerate(given):
        state = states[n % len(states)]
        if state == Status.OPEN:
            continue
        done = state in (Status.DONE, "confirmed")
        recommendation = services.recommendation_update(
            recommendation=recommendation,
            actor=admin,
            status=Status.DONE if done else state,
            action=rng.choice(ACTIONS)
            if state != Status.NOT_RELEVANT
            else "ย้ายครูผู้รับผิดชอบและปรับมาตรฐานของสถานศึกษาแล้ว",
            started_on=datetime.date(2025, 11, 1) if state != Status.PLANNED else None,
            completed_on=datetime.date(2026, rng.choice([2, 3, 4]), 15) if done else None,
        )
        if state == "confirmed":
            services.recommendation_confirm(recommendation=recommendation, actor=supervisor)
    total = Recommendation.objects.filter(school__area_office=office).count()
    stdout.write(
        f"followup: {len(given)} recommendations from the {DEMO_YEAR} synthesis ({total} in all)"
    )
