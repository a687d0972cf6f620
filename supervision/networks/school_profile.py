"""The networks part of a school's page: who of its staff the district trained, and the
networks it belongs to. Registered by import from ``supervision/school_profile.py``;
two queries whatever the school's history."""

import datetime
from typing import Any

from django.utils.translation import gettext as _

from iqa_district.school_profile import Section, register

from .attendance import trained_by_school
from .models import NetworkMember


@register
def networks_section(school: Any, user: Any, today: datetime.date) -> Section | None:
    if not (user.is_authenticated and (user.is_school_staff or user.is_district_staff)):
        return None
    if user.is_school_staff and not user.is_superuser and user.school_id != school.pk:
        return None
    members = list(
        NetworkMember.objects.filter(network__cluster__area_office=school.area_office_id)
        .filter(school=school)
        .select_related("network")
        .order_by("network__kind", "network__name")
    )
    trained = trained_by_school([school]).get(school.pk, [])
    if not members and not trained:
        return None  # nothing to show: no empty section on every school's page
    return Section(
        key="school-networks",
        title=_("เครือข่ายการนิเทศและการอบรมของเขตพื้นที่"),
        template="supervision/networks/_school_profile.html",
        order=60,
        context={"members": members, "trained": trained},
    )
