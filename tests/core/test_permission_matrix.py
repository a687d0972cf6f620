"""Issue 11 item 6: every URL pattern of the project (the admin's included) × every role
× GET and POST, against one table of expected answers.

The patterns are walked from the URL resolver, so a new URL without a row in EXPECTED
fails ``test_every_url_pattern_has_a_row``. Each request runs in a savepoint that is
rolled back, so one cell's POST cannot change the next cell's answer. Representative ids
are the fixture office's own rows (another office's supervisor must get a 403/404 for
them, never their content).
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from iqa_district.accounts.groups import district_admin_group_ensure
from iqa_district.accounts.models import User
from sar import services as sar_services
from sar.followup import services as followup_services
from sar.followup.models import Recommendation
from sar.models import NationalBatch, SynthesisRun
from schools.models import AcademicYear, SchoolImport
from standards.models import StandardSet
from supervision import services as supervision_services
from supervision.models import DistrictReport
from tests.factories import UserFactory
from tests.sar.factories import SynthesisRunFactory, make_test_standards
from tests.supervision.factories import (
    NeedsSurveyFactory,
    SelfEvaluationFactory,
    VisitFactory,
    full_committee,
)

pytestmark = pytest.mark.django_db

ROLES = ["anon", "admin", "supervisor", "executive", "school", "committee", "root", "other"]

# The one table of expected answers, a text file so that each URL pattern stays one line:
# "<url name or unnamed route> | <GET codes> | <POST codes>", a code per role in the order
# of ROLES (see the file's header).
TABLE = Path(__file__).with_name("permission_matrix.txt")


def read_table(text):
    rows = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, get, post = (part.strip() for part in line.split(" | "))
        assert key not in rows, f"two rows for {key}"
        rows[key] = (get, post)
    return rows


EXPECTED = read_table(TABLE.read_text(encoding="utf-8"))


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if pattern.name:
                key = f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                key = route
            yield key, route, pattern


def url_patterns():
    return {key: (route, pattern) for key, route, pattern in walk(get_resolver().url_patterns)}


def test_every_url_pattern_has_a_row():
    missing = sorted(set(url_patterns()) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(url_patterns()))
    assert not missing, f"URL patterns without a row in EXPECTED: {missing}"
    assert not stale, f"rows for URL patterns that no longer exist: {stale}"


@pytest.fixture
def world(office, cluster, school, academic_year, school_staff, committee_member, supervisor):
    """One row of each kind in the fixture office, for the representative ids."""
    make_test_standards()
    sar = sar_services.sar_open(school=school, academic_year=academic_year, actor=school_staff)
    # A failed run: a finished one would need the figures of a real synthesis.
    run = SynthesisRunFactory(
        area_office=office, academic_year=academic_year, status=SynthesisRun.Status.FAILED
    )
    # The run is also the one office of a national batch (the central superuser's pages).
    national_batch = NationalBatch.objects.create(academic_year=academic_year)
    SynthesisRun.objects.filter(pk=run.pk).update(batch=national_batch)
    visit = VisitFactory(school=school, academic_year=academic_year, supervisors=[supervisor])
    supervision_services.visit_prepare_answers(visit=visit)
    committee = full_committee(office=office, year=academic_year, users=[committee_member])
    SchoolImport.objects.create(area_office=office, source_name="list.csv")
    recommendation = followup_services.recommendation_give(
        school=school,
        academic_year=academic_year,
        source=Recommendation.Source.SAR_REVIEW,
        text="ควรเพิ่มหลักฐานเชิงประจักษ์",
        actor=supervisor,
    )
    from tests.external_eval.factories import make_evaluation, make_round

    evaluation = make_evaluation(school, make_round(), academic_year)
    from django.utils import timezone

    from external_eval.models import OnesqaSynthesis
    from external_eval.synthesis.data import district_figures

    onesqa_synthesis = OnesqaSynthesis.objects.create(
        area_office=office,
        round=evaluation.round,
        narrative="สรุปผลการสังเคราะห์",
        figures=district_figures(office, evaluation.round)[0],
        published_at=timezone.now(),
    )
    from research.models import ResearchProject

    project = ResearchProject.objects.create(
        area_office=office,
        title="การพัฒนารูปแบบการประกันคุณภาพภายใน",
        researchers="นายทดสอบ วิจัยดี ศึกษานิเทศก์",
        kind=ResearchProject.Kind.choices[0][0],
        academic_year=academic_year,
        objectives="เพื่อพัฒนารูปแบบ",
    )
    from iqa_district.notifications.services import notify

    (notification,) = notify(
        recipients=[school_staff], kind="sar_returned", key="matrix", title="ส่งกลับ", link="/"
    )
    from django.core.files.base import ContentFile

    from sar.models import EvaluationIssue, SynthesisDispatch
    from supervision.models import FormTemplate

    dispatch = SynthesisDispatch(
        run=run, recipient="obec", sent_on=academic_year.starts_on, sha256="0" * 64, size=8
    )
    dispatch.file.save("sent.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return {
        "notification": notification,
        "form_template": supervision_services.form_template_new_version(
            template=FormTemplate.objects.get(code="P1-7.2", area_office=None), office=office
        ),
        "dispatch": dispatch,
        "evaluation_issue": EvaluationIssue.objects.create(
            school=school, academic_year=academic_year, source="district", text="ประเด็น"
        ),
        "research_project": project,
        "evaluation": evaluation,
        "onesqa_synthesis": onesqa_synthesis,
        "recommendation": recommendation,
        "school": school,
        "cluster": cluster,
        "sar": sar,
        "run": run,
        "national_batch": national_batch,
        "visit": visit,
        "answer": visit.answers.first(),
        "self_evaluation": SelfEvaluationFactory(school=school, academic_year=academic_year),
        "committee": committee,
        "district_report": DistrictReport.objects.create(
            area_office=office, academic_year=academic_year, conclusion="สรุปผลของเขต"
        ),
        "standard_set": StandardSet.objects.filter(area_office=None, school=None).first(),
        "year": academic_year,
        "needs_survey": NeedsSurveyFactory(cluster=cluster, academic_year=academic_year),
        **networks_world(cluster, school, academic_year, supervisor),
        **plans_world(office, academic_year),
    }


def plans_world(office, academic_year):
    """A plan with an evaluated, published action plan and the office's self-assessment."""
    from supervision.plans.models import OfficeAssessment
    from tests.supervision.plans.factories import make_action_plan, make_plan

    plan = make_plan(office, first=2570, published=True)
    action_plan = make_action_plan(plan, year=2570)
    action_plan.evaluated_at, action_plan.is_published = timezone.now(), True
    action_plan.save()
    assessment = OfficeAssessment.objects.create(
        area_office=office,
        academic_year=academic_year,
        standard_set=StandardSet.objects.templates().first(),
    )
    return {
        "plan": plan,
        "strategy": plan.strategies.first(),
        "indicator": plan.strategies.first().indicators.first(),
        "action_plan": action_plan,
        "project": action_plan.projects.first(),
        "office_assessment": assessment,
    }


def networks_world(cluster, school, academic_year, supervisor):
    """Process 5's rows: a network with a member, the plan with a done activity, form ๓,
    a training event of the district."""
    import datetime

    from supervision.networks import services as networks

    cluster.supervisors.add(supervisor)
    network = networks.network_create(
        cluster=cluster, kind="core_teachers", name="ครูแกนนำ", actor=supervisor
    )
    member = networks.network_member_add(
        network=network, school=school, person_name="ครู ก", actor=supervisor
    )
    plan = networks.plan_save(
        cluster=cluster, academic_year=academic_year, goals="", actor=supervisor
    )
    activity = networks.activity_save(
        plan=plan,
        kind="meeting",
        title="ประชุม",
        starts_on=datetime.date(2024, 6, 1),
        objectives="ก",
        actor=supervisor,
    )
    report = networks.report_save(
        cluster=cluster,
        academic_year=academic_year,
        period_start=datetime.date(2024, 5, 16),
        period_end=datetime.date(2025, 3, 31),
        actor=supervisor,
    )
    event = networks.training_save(
        office=cluster.area_office,
        academic_year=academic_year,
        kind="iqa",
        title="อบรม",
        held_on=datetime.date(2024, 7, 1),
        actor=supervisor,
    )
    cluster.supervisors.remove(supervisor)  # the matrix's supervisor is not this cluster's
    return {
        "network": network,
        "network_member": member,
        "network_plan": plan,
        "network_activity": activity,
        "network_report": report,
        "training_event": event,
    }


NETWORKS_IDS = {
    "networks:network_list": "cluster",
    "networks:plan_save": "cluster",
    "networks:report_edit": "cluster",
    "networks:network_detail": "network",
    "networks:member_remove": "network_member",
    "networks:plan_detail": "network_plan",
    "networks:activity_create": "network_plan",
    "networks:report_pdf": "network_report",
    "networks:report_publish": "network_report",
    "public:networks_report_pdf": "network_report",
    "networks:school_training": "school",
}


def admin_object(key, world, office_admin):
    """The representative row of an admin model URL ("admin:<app>_<model>_<view>")."""
    match = re.match(r"admin:(\w+?)_(\w+)_(change|delete|history|password_change)$", key)
    if key == "admin:auth_user_password_change":
        return world["sar"].school.staff.first().pk
    if not match:
        return None
    # App labels may hold an underscore (otp_totp): find the registered model by prefix.
    view = match.group(3)
    (model,) = [
        m
        for m in admin.site._registry
        if key == f"admin:{m._meta.app_label}_{m._meta.model_name}_{view}"
    ]
    queryset = model._default_manager.all()
    if hasattr(queryset, "visible_to"):
        queryset = queryset.visible_to(office_admin)
    row = queryset.order_by("pk").first()
    return row.pk if row else 999999


def kwargs_for(key, route, world, office_admin):
    names = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    names = [a or b for a, b in names]
    if not names:
        return {}
    by_app = {
        "schools:detail": world["school"].pk,
        "schools:cluster_detail": world["cluster"].pk,
        "networks:cluster_detail": world["cluster"].pk,
        "networks:survey_open": world["cluster"].pk,
        "standards:set_detail": world["standard_set"].pk,
        "standards:school_targets": world["school"].pk,
        "supervision:self_evaluation_edit": world["self_evaluation"].pk,
        "supervision:committee_order_pdf": world["committee"].pk,
        "public:sar_pdf": world["sar"].pk,
        "supervision:report_publish": world["district_report"].pk,
        "public:district_report_pdf": world["district_report"].pk,
        "supervision:rubric_edit": world["form_template"].pk,
        "sar:synthesis_dispatch_file": world["dispatch"].pk,
        "sar:evaluation_issues_school": world["school"].pk,
        "sar:evaluation_issue_delete": world["evaluation_issue"].pk,
        "public:research_detail": world["research_project"].pk,
        "public:research_report": world["research_project"].pk,
    }
    kwargs = {}
    for name in names:
        if name == "pk":
            if key in by_app:
                kwargs[name] = by_app[key]
            elif key in NETWORKS_IDS:
                kwargs[name] = world[NETWORKS_IDS[key]].pk
            elif key in ("networks:file_download", "networks:file_delete") or key.startswith(
                "networks:training_material_d"
            ):
                kwargs[name] = 999999  # no file of that id: 404 past the checks
            elif key.startswith("networks:training_"):
                kwargs[name] = world["training_event"].pk
            elif key == "networks:practice_share":
                kwargs[name] = world["sar"].versions.first().pk
            elif key.startswith(
                ("networks:activity_", "networks:participant", "networks:attend")
            ) or key in (
                "networks:file_upload",
                "networks:evaluation",
                "networks:satisfaction_toggle",
            ):
                kwargs[name] = world["network_activity"].pk
            elif key in ("research:statistics", "research:instrument_toggle"):
                kwargs[name] = 999999  # no instrument of that id
            elif key.startswith("research:"):
                kwargs[name] = world["research_project"].pk
            elif key.startswith("external_eval:"):
                kwargs[name] = world["evaluation"].pk
            elif key.startswith("public:onesqa_synthesis"):
                kwargs[name] = world["onesqa_synthesis"].pk
            elif (
                key in ("public:plan_pdf",)
                or key.startswith(("plans:plan", "plans:strategy_add"))
                or key == "plans:action_plan_create"
            ):
                kwargs[name] = world["plan"].pk
            elif key in ("plans:indicator_edit", "plans:indicator_delete"):
                kwargs[name] = world["indicator"].pk
            elif key.startswith(("plans:strategy", "plans:indicator")):
                kwargs[name] = world["strategy"].pk
            elif key.startswith(
                ("plans:project_edit", "plans:project_delete", "plans:project_progress")
            ):
                kwargs[name] = world["project"].pk
            elif key.startswith("plans:office"):
                kwargs[name] = world["office_assessment"].pk
            elif key.startswith(("plans:", "public:action_plan", "public:plan_evaluation")):
                kwargs[name] = world["action_plan"].pk
            elif key.startswith("networks:survey"):
                kwargs[name] = world["needs_survey"].pk
            elif key.startswith("notifications:"):
                kwargs[name] = world["notification"]
            elif key.startswith("followup:"):
                kwargs[name] = world["recommendation"].pk
            elif key == "accounts:mfa_user_reset" or key.startswith("accounts:user_"):
                kwargs[name] = world["sar"].school.staff.first().pk
            elif key.startswith("admin:"):
                kwargs[name] = 999999  # django-otp's device pages: no device exists
            elif key.startswith("sar:national_batch"):
                kwargs[name] = world["national_batch"].pk
            elif key.startswith(("sar:synthesis", "public:synthesis")):
                kwargs[name] = world["run"].pk
            elif key.startswith("sar:"):
                kwargs[name] = world["sar"].pk
            elif key.startswith("supervision:"):
                kwargs[name] = world["visit"].pk
        elif name == "round_pk":
            kwargs[name] = world["evaluation"].round_id
        elif name == "run_pk":
            kwargs[name] = world["run"].pk
        elif name in ("doc_pk", "standard_pk"):
            kwargs[name] = 999999  # no document or result of that id: 404 past the checks
        elif name == "answer_pk":
            kwargs[name] = world["answer"].pk
        elif name in ("number", "set_no", "std_no"):
            kwargs[name] = 1
        elif name == "kind":
            kwargs[name] = "pdf"
        elif name == "key":  # the help pages: a guide, an import template
            kwargs[name] = "schools" if key == "help:template" else "supervisor"
        elif name == "year":
            kwargs[name] = world["year"].year
        elif name == "token":
            kwargs[name] = "no-such-token"
        elif name == "uidb64":
            kwargs[name] = "MQ"
        elif name in ("object_id", "id"):
            kwargs[name] = admin_object(key, world, office_admin) or world["school"].pk
        elif name == "app_label":
            kwargs[name] = "schools"
        elif name == "content_type_id":
            kwargs[name] = ContentType.objects.get_for_model(world["school"]).pk
        elif name == "url":
            kwargs[name] = "no-such-page/"
    return kwargs


def url_of(key, route, pattern, kwargs):
    if pattern.name:
        return reverse(key, kwargs=kwargs)
    # An unnamed pattern: fill its route by hand.
    path = route.lstrip("^").rstrip("$")
    for name, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", str(value), path)
    return "/" + path


@pytest.fixture
def personas(office_admin, supervisor, executive, school_staff, committee_member, other_supervisor):
    root = UserFactory(username="t_matrix_root", is_superuser=True, is_staff=True, area_office=None)
    return {
        "anon": None,
        "admin": office_admin,
        "supervisor": supervisor,
        "executive": executive,
        "school": school_staff,
        "committee": committee_member,
        "root": root,
        "other": other_supervisor,
    }


def observe(world, personas):
    """{key: (GET codes, POST codes)} as the table writes them."""
    clients = {}
    for role, user in personas.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        clients[role] = client
    observed = {}
    for key, (route, pattern) in sorted(url_patterns().items()):
        url = url_of(key, route, pattern, kwargs_for(key, route, world, personas["admin"]))
        row = []
        for method in ("get", "post"):
            codes = []
            for role in ROLES:
                client = clients[role]
                session = client.cookies.get(settings.SESSION_COOKIE_NAME)
                with transaction.atomic():
                    response = getattr(client, method)(url)
                    transaction.set_rollback(True)
                # A logout (or a login) answered the cookie away; the session row itself
                # was rolled back, so the next cell runs as the same persona again.
                if session is not None:
                    client.cookies[settings.SESSION_COOKIE_NAME] = session.value
                codes.append(str(response.status_code))
            row.append(" ".join(codes))
        observed[key] = tuple(row)
    return observed


def test_the_matrix_answers_as_the_table_says(world, personas):
    observed = observe(world, personas)
    if os.environ.get("PERMISSION_MATRIX_DUMP"):
        with open(os.environ["PERMISSION_MATRIX_DUMP"], "w", encoding="utf-8") as out:
            for key, (get, post) in observed.items():
                out.write(f"{key:<52} | {get} | {post}\n")
    wrong = {
        key: {"expected": EXPECTED.get(key), "observed": cells}
        for key, cells in observed.items()
        if EXPECTED.get(key) != cells
    }
    assert not wrong, wrong


def test_no_cell_is_a_server_error():
    # The table itself must hold no 500: a 500 is a bug to fix, never an expectation.
    assert not [key for key, cells in EXPECTED.items() if "500" in " ".join(cells)]


def test_the_district_admin_is_staff_in_the_group_and_not_superuser(personas):
    admin = personas["admin"]
    assert admin.is_staff and not admin.is_superuser
    assert admin.groups.filter(pk=district_admin_group_ensure().pk).exists()
    assert personas["root"].area_office is None and personas["root"].school is None
    assert User.objects.filter(is_superuser=True).count() == 1


SEARCHES = [
    "sar:review_queue",
    "sar:tracker",
    "public:sar_list",
    "schools:list",
    "supervision:visit_list",
    "supervision:self_evaluation_list",
    "admin:schools_school_changelist",
    "admin:accounts_user_changelist",
]


@pytest.mark.parametrize("name", SEARCHES)
def test_a_nul_byte_in_a_search_is_no_server_error(
    client, office_admin, supervisor, academic_year, name
):
    # PostgreSQL refuses NUL in text: before the middleware this was a 500 there.
    user = office_admin if name.startswith("admin:") else supervisor
    client.force_login(user)
    response = client.get(reverse(name), {"q": "โรงเรียน\x00บ้าน"})
    assert response.status_code == 200


def test_the_nul_is_stripped_not_the_search(rf):
    from iqa_district.middleware import StripNulFromQueryMiddleware

    seen = {}

    def view(request):
        seen.update(request.GET.lists())
        return

    StripNulFromQueryMiddleware(view)(rf.get("/", {"q": "บ้าน\x00ไผ่", "x\x00": ["1", "2"]}))
    assert seen == {"q": ["บ้านไผ่"], "x": ["1", "2"]}


@pytest.mark.parametrize("name", ["supervision:compliance_xlsx", "supervision:report_process1"])
def test_downloads_without_an_academic_year_explain_instead_of_failing(client, supervisor, name):
    AcademicYear.objects.all().delete()
    client.force_login(supervisor)
    query = {"format": "pdf"} if name == "supervision:report_process1" else {}
    response = client.get(reverse(name), query, follow=True)
    assert response.status_code == 200
    assert "ยังไม่มีการกำหนดปีการศึกษา" in response.content.decode()
    assert response.redirect_chain and response["Content-Type"].startswith("text/html")
