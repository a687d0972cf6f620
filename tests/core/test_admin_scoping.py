"""Issue 11 item 2: every admin choice is scoped through the related model's
``visible_to``, a district admin creates nothing in another office, synthesis runs are
read-only and scoped, national standard sets are frozen for non-superusers."""

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from sar.models import SynthesisRun
from schools.models import School
from standards.models import Standard, StandardSet
from standards.services import standard_set_adopt
from supervision.models import Committee
from tests.factories import ClusterFactory, central_superuser
from tests.sar.factories import SynthesisRunFactory
from tests.supervision.factories import CommitteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_rows(other_office, other_office_school, other_supervisor, academic_year):
    """One row of another office for every kind of choice the admin offers."""
    ClusterFactory(area_office=other_office)
    CommitteeFactory(area_office=other_office, academic_year=academic_year)
    standard_set_adopt(
        template=StandardSet.objects.templates().get(),
        office=other_office,
        actor=central_superuser(),
    )
    return other_office


def choice_fields(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.ModelChoiceField):
            yield name, field


def admin_forms(request):
    for model, model_admin in admin.site._registry.items():
        yield model, None, model_admin.get_form(request, None)
        for inline in model_admin.get_inline_instances(request):
            yield model, inline.model, inline.get_formset(request).form


def test_every_admin_choice_is_within_the_admins_office(office_admin, other_rows):
    request = RequestFactory().get("/admin/")
    request.user = office_admin
    leaks = []
    checked = 0
    for model, inline_model, form_class in admin_forms(request):
        for name, field in choice_fields(form_class):
            related = field.queryset.model
            visible_qs = related._default_manager.all()
            if not hasattr(visible_qs, "visible_to"):
                continue
            checked += 1
            visible = visible_qs.visible_to(office_admin).values("pk")
            if field.queryset.exclude(pk__in=visible).exists():
                leaks.append(f"{model.__name__}/{getattr(inline_model, '__name__', '-')}.{name}")
    assert checked > 15
    assert not leaks, leaks


def test_a_district_admin_cannot_create_a_school_in_another_office(
    as_user, office_admin, office, other_office
):
    client = as_user(office_admin)
    data = {
        "code": "1099999999",
        "name": "โรงเรียนบ้านต่างเขตใหม่",
        "area_office": other_office.pk,
        "subdistrict": "ในเมือง",
        "district": "เมือง",
        "province": "ศรีสะเกษ",
        "students": 10,
        "is_active": "on",
    }
    response = client.post(reverse("admin:schools_school_add"), data)
    assert response.status_code == 200
    assert not School.objects.filter(code="1099999999").exists()


def test_a_district_admin_cannot_create_a_committee_in_another_office(
    as_user, office_admin, other_office, other_office_school, academic_year
):
    client = as_user(office_admin)
    data = {
        "area_office": other_office.pk,
        "kind": Committee.Kind.RESEARCH,
        "name": "คณะกรรมการต่างเขต",
        "academic_year": academic_year.pk,
        "schools": [other_office_school.pk],
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:supervision_committee_add"), data)
    assert response.status_code == 200
    assert not Committee.objects.filter(name="คณะกรรมการต่างเขต").exists()


def test_synthesis_runs_are_scoped_and_read_only(
    as_user, office_admin, office, other_office, academic_year
):
    own = SynthesisRunFactory(area_office=office, academic_year=academic_year)
    other = SynthesisRunFactory(area_office=other_office, academic_year=academic_year)
    client = as_user(office_admin)
    listing = client.get(reverse("admin:sar_synthesisrun_changelist"))
    assert listing.status_code == 200
    shown = {run.pk for run in listing.context["cl"].result_list}
    assert shown == {own.pk}
    assert client.get(reverse("admin:sar_synthesisrun_change", args=[other.pk])).status_code == 302
    # Its own office's run is shown, not editable, not deletable.
    page = client.get(reverse("admin:sar_synthesisrun_change", args=[own.pk]))
    assert page.status_code == 200 and not page.context["has_change_permission"]
    post = client.post(reverse("admin:sar_synthesisrun_change", args=[own.pk]), {"status": "done"})
    assert post.status_code == 403
    delete = client.post(reverse("admin:sar_synthesisrun_delete", args=[own.pk]), {"post": "yes"})
    assert delete.status_code == 403
    assert client.get(reverse("admin:sar_synthesisrun_add")).status_code == 403
    root = central_superuser()
    client.force_login(root)
    assert client.get(reverse("admin:sar_synthesisrun_add")).status_code == 403
    assert SynthesisRun.objects.count() == 2


def test_national_standard_sets_are_frozen_for_a_district_admin(as_user, office_admin, office):
    national = StandardSet.objects.get(code="MOE2561-BASIC")
    client = as_user(office_admin)
    url = reverse("admin:standards_standardset_change", args=[national.pk])
    page = client.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    response = client.post(url, {"code": national.code, "name_th": "แก้แล้ว", "level": "basic"})
    assert response.status_code == 403
    standard = national.standards.first()
    standard_url = reverse("admin:standards_standard_change", args=[standard.pk])
    assert not client.get(standard_url).context["has_change_permission"]
    assert client.post(standard_url, {"title_th": "แก้แล้ว"}).status_code == 403
    national.refresh_from_db()
    assert national.name_th != "แก้แล้ว"
    # The office's own copy is its to edit.
    client.post(
        reverse("admin:standards_standardset_changelist"),
        {
            "action": "adopt_for_my_office",
            "_selected_action": [StandardSet.objects.templates().get().pk],
        },
    )
    copy = StandardSet.objects.get(area_office=office)
    page = client.get(reverse("admin:standards_standardset_change", args=[copy.pk]))
    assert page.context["has_change_permission"]


def test_another_offices_standards_are_not_listed(as_user, office_admin, other_office):
    copy = standard_set_adopt(
        template=StandardSet.objects.templates().get(),
        office=other_office,
        actor=central_superuser(),
    )
    client = as_user(office_admin)
    listing = client.get(reverse("admin:standards_standard_changelist"), {"all": ""})
    shown = {standard.pk for standard in listing.context["cl"].result_list}
    assert not shown & set(Standard.objects.filter(standard_set=copy).values_list("pk", flat=True))


def test_the_superuser_still_sees_every_office(client, other_rows, office):
    client.force_login(central_superuser())
    response = client.get(reverse("admin:schools_school_add"))
    offices = set(response.context["adminform"].form.fields["area_office"].queryset)
    assert other_rows in offices and office in offices
