"""Process 1 ๗.๒ rubric (issue 13 item 5): the seeded descriptors are an example, an
office adapts them as a new version of the form (visits keep theirs), every row names
one of the seed's nine IQA components and the overall level counts each component once."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from iqa_district.audit.models import AuditEntry
from supervision import reports, services
from supervision.models import FormTemplate, IQAComponent, Visit
from supervision.rubric_forms import initial_rows
from supervision.rubric_services import RubricRow, rubric_items, rubric_new_version
from tests.supervision.factories import VisitFactory, template

pytestmark = pytest.mark.django_db
LIST_URL = reverse("supervision:form_list")


def seeded():
    return template("P1-7.2")


def rows_of(tmpl, **changes):
    return [RubricRow(**{**row, **changes}) for row in initial_rows(rubric_items(tmpl))]


def edit_url(tmpl):
    return reverse("supervision:rubric_edit", args=[tmpl.pk])


def post_data(tmpl, *, extra=(), override=None):
    override = override or {}
    rows = initial_rows(rubric_items(tmpl)) + list(extra)
    data = {
        "form-TOTAL_FORMS": str(len(rows)),
        "form-INITIAL_FORMS": str(len(rubric_items(tmpl))),
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        for key, value in {**row, **override.get(n, {})}.items():
            data[f"form-{n}-{key}"] = "" if value is None else str(value)
    return data


def test_the_seeded_rubric_rates_each_seed_component_once_and_is_an_example():
    tmpl = seeded()
    items = rubric_items(tmpl)
    assert tmpl.descriptors_are_example is True
    assert [i.component for i in items] == list(IQAComponent.values) == list(range(1, 10))
    assert all(i.level5 and i.level1 for i in items)
    assert template("P1-7.1").descriptors_are_example is False


def test_overall_level_counts_a_component_split_into_two_rows_once(office, supervisor):
    base = seeded()
    rows = rows_of(base)
    # The office gives component 1 a second criterion.
    rows.insert(1, RubricRow(**{**initial_rows([rubric_items(base)[0]])[0], "source": None}))
    version = rubric_new_version(template=base, rows=rows, actor=supervisor)
    visit = VisitFactory(school__area_office=office, template=version)
    answers = list(visit.answers.select_related("form_item").order_by("order"))
    assert [a.form_item.component for a in answers] == [1, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    for answer, level in zip(answers, [5, 5, 4, 3, 3, 3, 3, 3, 3, 3], strict=True):
        answer.level = level
        answer.save()

    report = reports.visit_report(visit)

    # Per row the mean would be 35 / 10 = 3.5 → 4 (component 1 counted twice);
    # per component it is (5 + 4 + 3 × 7) / 9 = 3.33 → 3.
    assert report["overall_level"] == 3
    assert report["components"][0]["rows"] == 2
    assert report["components"][0]["mean"] == 5
    assert len(report["components"]) == 9


def test_overall_level_rounds_half_up_per_component_mean():
    class Item:
        def __init__(self, pk, component):
            self.pk, self.component, self.answer_type, self.text = pk, component, "rubric", ""

        def get_component_display(self):
            return str(self.component)

    class Answer:
        def __init__(self, pk, component, level):
            self.form_item, self.level = Item(pk, component), level

    # Components 4 and 3: mean 3.5, rounded half up to 4.
    assert reports.overall_rubric_level([Answer(1, 1, 4), Answer(2, 2, 3)]) == 4
    assert reports.overall_rubric_level([Answer(1, 1, None)]) is None


def test_new_version_is_the_offices_and_visits_keep_theirs(office, supervisor, other_office):
    base = seeded()
    published = VisitFactory(
        school__area_office=office, template=base, status=Visit.Status.PUBLISHED
    )
    rows = rows_of(base)
    rows[0] = RubricRow(**{**rows[0].__dict__, "level5": "เกณฑ์ระดับ ๕ ของเขต"})

    version = rubric_new_version(template=base, rows=rows, actor=supervisor)

    assert (version.area_office, version.code, version.version) == (office, "P1-7.2", 2)
    assert version.descriptors_are_example is False
    assert rubric_items(version)[0].level5 == "เกณฑ์ระดับ ๕ ของเขต"
    base.refresh_from_db()
    assert base.is_active and rubric_items(base)[0].level5 != "เกณฑ์ระดับ ๕ ของเขต"
    published.refresh_from_db()
    assert published.template == base
    assert published.answers.first().form_item.section.template == base
    usable = FormTemplate.objects.usable_in(office.pk).filter(code="P1-7.2")
    assert list(usable) == [version]
    assert list(FormTemplate.objects.usable_in(other_office.pk).filter(code="P1-7.2")) == [base]
    assert AuditEntry.objects.filter(object_id=str(version.pk)).exists()

    again = rubric_new_version(template=version, rows=rows_of(version), actor=supervisor)
    version.refresh_from_db()
    assert again.version == 3 and not version.is_active


@pytest.mark.parametrize(
    "change, message",
    [
        ({"component": None}, "โปรดเลือกองค์ประกอบ"),
        ({"level3": " "}, "ให้ครบทั้ง 5 ระดับ"),
        ({"text": ""}, "ยังไม่ได้ระบุประเด็น"),
    ],
)
def test_each_row_needs_a_component_text_and_five_descriptors(supervisor, change, message):
    rows = rows_of(seeded())
    rows[2] = RubricRow(**{**rows[2].__dict__, **change})
    with pytest.raises(ValidationError, match=message):
        rubric_new_version(template=seeded(), rows=rows, actor=supervisor)
    assert not FormTemplate.objects.filter(code="P1-7.2", version=2).exists()


def test_every_component_of_the_seed_must_be_rated(supervisor):
    rows = [r for r in rows_of(seeded()) if r.component != 9]
    with pytest.raises(ValidationError, match="ยังไม่มีเกณฑ์ขององค์ประกอบ: 9"):
        rubric_new_version(template=seeded(), rows=rows, actor=supervisor)


def test_only_quality_managers_of_an_office_and_only_rubric_forms(
    executive, other_supervisor, supervisor, office
):
    with pytest.raises(PermissionDenied):
        rubric_new_version(template=seeded(), rows=rows_of(seeded()), actor=executive)
    theirs = services.form_template_new_version(
        template=seeded(), office=other_supervisor.area_office
    )
    with pytest.raises(PermissionDenied):
        rubric_new_version(template=theirs, rows=rows_of(theirs), actor=supervisor)
    with pytest.raises(ValidationError):
        rubric_new_version(template=template("P1-7.1"), rows=rows_of(seeded()), actor=supervisor)


# ------------------------------------------------------------------------------- views


def test_form_list_shows_the_example_badge(as_user, supervisor, executive, client):
    response = as_user(executive).get(LIST_URL)
    assert response.status_code == 200
    assert "เกณฑ์ตัวอย่าง" in response.content.decode()
    assert edit_url(seeded()) not in response.content.decode()  # executives only read
    assert edit_url(seeded()) in as_user(supervisor).get(LIST_URL).content.decode()


def test_form_list_refuses_school_staff_and_anonymous(client, as_user, school_staff):
    assert client.get(LIST_URL).status_code == 302
    assert as_user(school_staff).get(LIST_URL).status_code == 403


def test_rubric_editor_saves_a_new_version(as_user, supervisor, office):
    client = as_user(supervisor)
    page = client.get(edit_url(seeded()))
    assert page.status_code == 200
    assert 'id="example-descriptors"' in page.content.decode()
    data = post_data(seeded(), override={0: {"level5": "ระดับ ๕ ตามบริบทของเขต"}})
    response = client.post(edit_url(seeded()), data)
    assert response.status_code == 302
    version = FormTemplate.objects.get(area_office=office, code="P1-7.2")
    assert rubric_items(version)[0].level5 == "ระดับ ๕ ตามบริบทของเขต"
    assert len(rubric_items(version)) == 9


def test_rubric_editor_adds_and_removes_rows(as_user, supervisor, office):
    extra = [dict(initial_rows(rubric_items(seeded()))[0], source=None, code="1.2")]
    data = post_data(seeded(), extra=extra, override={8: {"remove": "on"}})
    response = as_user(supervisor).post(edit_url(seeded()), data)
    # Removing component 9's only row leaves it unrated: refused, nothing saved.
    assert response.status_code == 200
    assert "ยังไม่มีเกณฑ์ขององค์ประกอบ" in response.content.decode()
    assert not FormTemplate.objects.filter(area_office=office).exists()
    data = post_data(seeded(), extra=extra)
    assert as_user(supervisor).post(edit_url(seeded()), data).status_code == 302
    version = FormTemplate.objects.get(area_office=office, code="P1-7.2")
    assert [i.component for i in rubric_items(version)].count(1) == 2


def test_rubric_editor_refuses_others(client, as_user, executive, supervisor, other_supervisor):
    url = edit_url(seeded())
    assert client.get(url).status_code == 302
    assert as_user(executive).get(url).status_code == 403
    assert as_user(executive).post(url, post_data(seeded())).status_code == 403
    theirs = services.form_template_new_version(
        template=seeded(), office=other_supervisor.area_office
    )
    assert as_user(supervisor).get(edit_url(theirs)).status_code == 404
    assert as_user(supervisor).post(edit_url(theirs), post_data(theirs)).status_code == 404
    assert as_user(supervisor).get(edit_url(template("P1-7.1"))).status_code == 404
