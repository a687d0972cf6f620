from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from iqa_district.dashboard import Card, register

from .models import Cluster, School


@register
def school_cards(user):
    if user.is_school_staff:
        # The school's name heads the page; its to-do list, not its code, is the headline.
        return []
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


@register
def supervised_cluster_cards(user):
    """A supervisor's own clusters (ศึกษานิเทศก์ประจำกลุ่ม), with their school counts."""
    if not user.is_supervisor:
        return []
    clusters = list(
        Cluster.objects.visible_to(user)
        .filter(supervisors=user)
        .annotate(school_count=Count("schools"))
        .order_by("name")
    )
    if not clusters:
        return []
    return [
        Card(
            title=_("กลุ่มเครือข่ายที่ท่านรับผิดชอบ"),
            value=len(clusters),
            note=_("สถานศึกษารวม %(n)s แห่ง") % {"n": sum(c.school_count for c in clusters)},
            details=[(c.name, c.school_count) for c in clusters],
            url=reverse("schools:cluster_list"),
            order=11,
        )
    ]
