from django.db.models import Count, Q
from django.utils.translation import gettext as _

from iqa_district.dashboard import Card, register

from .models import School


@register
def school_cards(user):
    if user.is_school_staff:
        school = user.school
        return [
            Card(
                title=_("สถานศึกษาของท่าน"),
                value=school.code,
                note=school.name,
                tone="secondary",
                order=10,
            )
        ]
    counts = School.objects.visible_to(user).aggregate(
        total=Count("pk"), active=Count("pk", filter=Q(is_active=True))
    )
    return [
        Card(
            title=_("สถานศึกษาในเขตพื้นที่"),
            value=counts["active"],
            note=_("ทั้งหมด %(total)s แห่ง (รวมที่ปิดดำเนินการ)") % counts,
            order=10,
        )
    ]
