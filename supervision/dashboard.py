import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from iqa_district.dashboard import Card, register
from schools.models import AcademicYear, School

from . import compliance
from .models import Visit


@register
def supervision_cards(user):
    if user.is_school_staff:
        waiting = Visit.objects.visible_to(user).filter(acknowledged_at__isnull=True).count()
        return [
            Card(
                title=_("รายงานผลการนิเทศรอรับทราบ"),
                value=waiting,
                url=reverse("supervision:visit_list"),
                note=_("รายงานที่เขตพื้นที่เผยแพร่แล้ว โปรดบันทึกการรับทราบและความเห็น"),
                tone="warning" if waiting else "success",
                order=40,
            )
        ]
    if user.is_committee_member:
        counts = Visit.objects.visible_to(user).aggregate(
            open=Count("pk", filter=~Q(status=Visit.Status.PUBLISHED)),
            done=Count("pk", filter=Q(status=Visit.Status.PUBLISHED)),
        )
        return [
            Card(
                title=_("การนิเทศที่ได้รับมอบหมาย"),
                value=counts["open"],
                url=reverse("supervision:visit_list"),
                note=_("เผยแพร่รายงานแล้ว %(done)s ครั้ง") % counts,
                order=40,
            )
        ]
    if not user.is_district_staff:
        return []
    today = timezone.localdate()
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    month = Visit.objects.visible_to(user).filter(date__gte=first, date__lt=following)
    counts = month.aggregate(
        total=Count("pk"), published=Count("pk", filter=Q(status=Visit.Status.PUBLISHED))
    )
    cards = [
        Card(
            title=_("การนิเทศ/ตรวจเยี่ยมเดือนนี้"),
            value=counts["total"],
            url=reverse("supervision:calendar"),
            note=_("เผยแพร่รายงานแล้ว %(published)s ครั้ง") % counts,
            order=40,
        )
    ]
    year = AcademicYear.objects.current()
    if year is not None:
        schools = School.objects.visible_to(user).active()
        summary = compliance.summary(compliance.compliance_rows(schools, year, today))
        cards.append(
            Card(
                title=_("การดำเนินงานตามเกณฑ์ ปีการศึกษา %(y)s") % {"y": year.year},
                value=summary["counts"]["green"],
                url=reverse("supervision:compliance"),
                note=_("สถานศึกษาที่ดำเนินการครบถ้วน จาก %(n)s แห่ง") % {"n": summary["total"]},
                tone="success" if summary["overall"] == compliance.GREEN else "warning",
                order=41,
                details=[
                    (_("อยู่ระหว่างดำเนินการ"), summary["counts"]["amber"]),
                    (_("ยังไม่ดำเนินการ"), summary["counts"]["red"]),
                ],
            )
        )
    return cards
