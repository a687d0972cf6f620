from django.urls import reverse

from sar.models import SAREvent
from tests.factories import UserFactory


def test_admin_lists_sars_and_toggles_public_through_the_service(client, office, sar, other_office):
    admin_user = UserFactory(
        username="t_admin_sar",
        role="district_admin",
        area_office=office,
        is_staff=True,
        is_superuser=True,
    )
    client.force_login(admin_user)
    response = client.get(reverse("admin:sar_selfassessmentreport_changelist"))
    assert response.status_code == 200
    assert sar.school.name in response.content.decode()
    url = reverse("admin:sar_selfassessmentreport_change", args=[sar.pk])
    response = client.post(
        url,
        {
            "is_public": "",
            "versions-TOTAL_FORMS": "0",
            "versions-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    sar.refresh_from_db()
    assert not sar.is_public
    assert sar.events.filter(action=SAREvent.Action.VISIBILITY, actor=admin_user).exists()
