"""Create the demo district: one office, ~250 schools, demo users, then each app's data.

Idempotent: a second run changes nothing. Each module of DEMO_MODULES that exists defines
``seed(office, *, stdout)``; they run in this order.
"""

import importlib
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from iqa_district.accounts.groups import district_admin_group_ensure
from iqa_district.accounts.models import User
from schools import demo as schools_demo
from schools.models import AreaOffice

DEMO_PASSWORD = "demo12345"  # noqa: S105 - published demo credentials
DEMO_MODULES = [
    "iqa_district.accounts.demo",
    "standards.demo",
    "sar.demo",
    "sar.synthesis.demo",
    "sar.followup.demo",
    "supervision.demo",
    "supervision.plans.demo",
    "external_eval.demo",
    "research.demo",
    "iqa_district.notifications.demo",
]


def seed_users(office: AreaOffice) -> dict[str, User]:
    """The demo logins of the README, all with password demo12345.

    ``admin`` is what a real district admin is: staff in the district-admin group, not a
    superuser, so the demo shows his scoped admin; ``superadmin`` is the central
    superuser, of no office.
    """
    schools = list(office.schools.order_by("code")[:2])
    specs = [
        ("admin", User.Role.DISTRICT_ADMIN, None, "นางวิไลวรรณ พรหมสุข", "นักวิชาการคอมพิวเตอร์"),
        ("supervisor", User.Role.SUPERVISOR, None, "นายธวัชชัย ทองดี", "ศึกษานิเทศก์ชำนาญการพิเศษ"),
        (
            "executive",
            User.Role.EXECUTIVE,
            None,
            "นายบุญเลิศ สายบุญ",
            "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
        ),
        (
            "school",
            User.Role.SCHOOL_STAFF,
            schools[0],
            "นางสาวกาญจนา จันทร์หอม",
            "ครูผู้รับผิดชอบงานประกันคุณภาพ",
        ),
        ("school2", User.Role.SCHOOL_STAFF, schools[1], "นายวีระพงษ์ ศรีวงศ์", "ผู้อำนวยการสถานศึกษา"),
        ("committee", User.Role.COMMITTEE, None, "นางอรุณี มณีวงศ์", "ผู้ทรงคุณวุฒิ สมศ."),
    ]
    users: dict[str, User] = {}
    for username, role, school, full_name, position in specs:
        first, last = full_name.split(" ", 1)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "area_office": office,
                "school": school,
                "first_name": first,
                "last_name": last,
                "position": position,
                "is_staff": role == User.Role.DISTRICT_ADMIN,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        users[username] = user
    admin = users["admin"]
    if admin.is_superuser or not admin.is_staff:
        # A demo seeded before district admins stopped being superusers.
        User.objects.filter(pk=admin.pk).update(is_superuser=False, is_staff=True)
        admin.refresh_from_db()
    # Transactional tests flush the group the data migration made; ensure is idempotent.
    admin.groups.add(district_admin_group_ensure())
    superadmin, created = User.objects.get_or_create(
        username="superadmin",
        defaults={
            "role": User.Role.DISTRICT_ADMIN,
            "first_name": "ผู้ดูแลระบบ",
            "last_name": "ส่วนกลาง",
            "position": "ผู้ดูแลระบบส่วนกลาง",
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if created:
        superadmin.set_password(DEMO_PASSWORD)
        superadmin.save(update_fields=["password"])
    users["superadmin"] = superadmin
    return users


class Command(BaseCommand):
    help = "Create the demo district with realistic data (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            office = schools_demo.seed_office()
            seed_users(office)
        self.stdout.write(f"office: {office} ({office.schools.count()} schools)")
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                module.seed(office, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("demo ready; password for every demo user: demo12345"))
