"""The synthesis report page split and cached (issue 18 item 8, issue 19 item 5): a
table of contents, collapsed sections loaded on demand from their own URLs, every part
rendered once per finished run, and a bounded size whatever the number of schools."""

import copy
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sar.models import SynthesisRun
from sar.synthesis import report_page, services, synthesize
from tests.sar.factories import make_district
from tests.sar.synthesis.pages import section_urls

FAKE = b"%PDF-1.7 synthesis test"


@pytest.fixture
def district(office, cluster, other_office, academic_year):
    return make_district(office, cluster, other_office)


@pytest.fixture
def results(district, office, academic_year):
    return synthesize(office, academic_year.year)


def done_run(office, academic_year, results):
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    attempt = services.synthesis_claim(run_id=run.pk)
    assert services.synthesis_finish(
        run_id=run.pk, attempt=attempt, results=results, pdf=FAKE, xlsx=b"PK"
    )
    run.refresh_from_db()
    return run


@pytest.fixture
def run(office, academic_year, results):
    return done_run(office, academic_year, results)


def detail(run):
    return reverse("sar:synthesis_detail", args=[run.pk])


def standard(run, set_no=2, std_no=1, namespace="sar"):
    return reverse(f"{namespace}:synthesis_standard", args=[run.pk, set_no, std_no])


def test_the_page_is_a_table_of_contents_with_collapsed_sections(run, as_user, supervisor):
    page = as_user(supervisor).get(detail(run)).content.decode()
    toc = page.split('id="synthesis-toc"')[1].split("</nav>")[0]
    for anchor in ("#overview", "#set-1", "#set-2", "#std-1-1", "#std-2-1", "#std-2-2"):
        assert f'href="{anchor}"' in toc, anchor
    assert 'href="#needs"' in toc and 'href="#appendix"' in toc
    assert "มาตรฐานที่ 1 คุณภาพของผู้เรียน" in toc
    # Each standard is a closed <details> that loads its section once, when opened,
    # and links to the section's own page for a browser without JavaScript.
    std = page.split('id="std-2-1"')[0].rsplit("<details", 1)[1] + page.split('id="std-2-1"')[1]
    head = std.split(">", 1)[0]
    assert " open" not in head
    assert f'hx-get="{standard(run)}"' in head and 'hx-trigger="toggle once"' in head
    assert f'<a href="{standard(run)}">' in std.split("</details>")[0]
    assert section_urls(page) == [
        standard(run, 1, 1),
        standard(run, 2, 1),
        standard(run, 2, 2),
        reverse("sar:synthesis_schools", args=[run.pk]),
    ]
    # What a standard's section holds is not on the page.
    assert "ผลรายประเด็นพิจารณา" not in page and "จำแนกตามกลุ่มเครือข่าย" not in page
    assert "สถานศึกษาร้อยละ 66.67 มีผลการประเมินมาตรฐานที่ 1" not in page


def test_one_standards_section_as_a_fragment_and_as_a_page(run, as_user, executive):
    client = as_user(executive)
    fragment = client.get(standard(run), HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body
    assert "HX-Request" in fragment["Vary"]
    assert "สถานศึกษาร้อยละ 66.67 มีผลการประเมินมาตรฐานที่ 1 อยู่ในระดับดีเลิศขึ้นไป" in body
    assert "จำแนกตามกลุ่มเครือข่าย" in body and "จำแนกตามขนาดสถานศึกษา" in body
    assert body.count('class="synthesis-chart"') == 1  # the items' chart, with its section
    assert "1.1.1: ดีเลิศ ร้อยละ 90.00 → ยอดเยี่ยม ร้อยละ 88.00" in body
    assert "มาตรฐานที่ 2" not in body.split("synthesis-section-title")[1].split("</h2>")[0]
    page = client.get(standard(run)).content.decode()
    assert "<html" in page and "synthesis-section-title" in page
    assert f'href="{detail(run)}#std-2-1"' in page  # the way back to its place
    assert "สถานศึกษาร้อยละ 66.67 มีผลการประเมินมาตรฐานที่ 1" in page


def test_sections_the_run_does_not_have_are_not_found(run, as_user, supervisor):
    client = as_user(supervisor)
    assert client.get(standard(run, 3, 1)).status_code == 404
    assert client.get(standard(run, 2, 9)).status_code == 404
    assert client.get(standard(run, 0, 1)).status_code == 404
    assert client.get(standard(run) + "?page=2").status_code == 404
    schools = reverse("sar:synthesis_schools", args=[run.pk])
    assert client.get(schools + "?page=2").status_code == 404
    assert client.get(schools + "?page=x").status_code == 200  # a bad number is page 1


def test_an_unfinished_run_has_no_sections(district, office, academic_year, as_user, supervisor):
    run = services.synthesis_start(office=office, academic_year=academic_year, queue=False)
    client = as_user(supervisor)
    assert client.get(standard(run, 1, 1)).status_code == 404
    assert client.get(reverse("sar:synthesis_schools", args=[run.pk])).status_code == 404
    assert 'id="synthesis-progress"' in client.get(detail(run)).content.decode()


def test_every_part_is_built_once_per_finished_run(run, as_user, supervisor, executive):
    """The second reader gets the cached HTML: present() is not called and the results
    are not read from the database."""
    calls = []
    real_present = report_page.present

    def counting(results, **kwargs):
        calls.append(1)
        return real_present(results, **kwargs)

    urls = [detail(run), standard(run), reverse("sar:synthesis_schools", args=[run.pk])]
    with mock.patch.object(report_page, "present", counting):
        first = {u: as_user(supervisor).get(u, HTTP_HX_REQUEST="true").content for u in urls}
        assert len(calls) == 3
        with CaptureQueriesContext(connection) as queries:
            second = {u: as_user(executive).get(u, HTTP_HX_REQUEST="true").content for u in urls}
        assert len(calls) == 3
    assert [u for u in urls if first[u] != second[u]] == [detail(run)]  # the header differs
    assert not [q for q in queries.captured_queries if '"results"' in q["sql"]]
    # A run finished again (the reconciler's second attempt) is another set of parts.
    SynthesisRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    run.refresh_from_db()
    with mock.patch.object(report_page, "present", counting):
        as_user(supervisor).get(standard(run), HTTP_HX_REQUEST="true")
    assert len(calls) == 4


def test_the_cache_is_per_language(run, as_user, supervisor, settings):
    client = as_user(supervisor)
    thai = client.get(detail(run)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(detail(run)).content.decode()
    # The cached contents follow the reader's language, as the header (not cached) does.
    assert "ข้อเสนอแนะเชิงนโยบาย" in thai and "Policy recommendations" not in thai
    assert "Policy recommendations" in english and "ข้อเสนอแนะเชิงนโยบาย" not in english
    assert "Requested on" in english


def large(results, n_schools=3000, n_clusters=150):
    """``results`` grown to a 3,000-school office: the schools, the clusters and the
    schools below target multiplied, the figures as they were."""
    big = copy.deepcopy(results)
    schools = big["schools"]
    big["schools"] = [
        {
            **schools[i % len(schools)],
            "code": f"{i:010d}",
            "name": f"โรงเรียนบ้านทดสอบยาวมาก {i}",
            "cluster": f"กลุ่มเครือข่ายที่ {i % n_clusters}",
        }
        for i in range(n_schools)
    ]
    for level_set in big["level_sets"]:
        for std in level_set["standards"]:
            groups = std["by_cluster"] or [std["by_size"][0]]
            std["by_cluster"] = [
                {**groups[0], "name": f"กลุ่มเครือข่ายที่ {i}"} for i in range(n_clusters)
            ]
            below = std["below_target"] or [
                {"code": "1", "name": "x", "cluster": "", "level": 3, "items": []}
            ]
            std["below_target"] = [
                {**below[i % len(below)], "code": f"{i:010d}", "name": f"โรงเรียน {i}"}
                for i in range(n_schools // 2)
            ]
    big["coverage"]["schools"] = big["coverage"]["schools_total"] = n_schools
    return big


def test_no_request_ships_the_whole_report_at_3000_schools(
    office, academic_year, results, as_user, supervisor
):
    run = done_run(office, academic_year, large(results))
    client = as_user(supervisor)
    page = client.get(detail(run))
    assert page.status_code == 200
    assert len(page.content) < 120_000, len(page.content)
    sizes = {}
    for url in section_urls(page.content.decode()):
        sizes[url] = len(client.get(url, HTTP_HX_REQUEST="true").content)
    assert max(sizes.values()) < 250_000, sizes
    # The schools below target and the appendix come a page at a time.
    body = client.get(standard(run), HTTP_HX_REQUEST="true").content.decode()
    assert body.count("<tr>") < report_page.BELOW_TARGET_PER_PAGE + 20 + 150 + 10
    assert f'hx-get="{standard(run)}?page=30"' in body  # 1,500 schools, 50 a page
    second = client.get(standard(run) + "?page=2", HTTP_HX_REQUEST="true").content.decode()
    assert "โรงเรียน 50<" in second and "โรงเรียน 50<" not in body
    schools = reverse("sar:synthesis_schools", args=[run.pk])
    last = client.get(schools + "?page=30", HTTP_HX_REQUEST="true").content.decode()
    assert "สถานศึกษาที่ 2901–3000 จาก 3000 แห่ง" in last


# Who may read the sections


@pytest.mark.parametrize("persona", ["supervisor", "executive"])
def test_district_staff_read_the_sections(run, as_user, persona, request):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(standard(run)).status_code == 200
    assert client.get(reverse("sar:synthesis_schools", args=[run.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["school_staff", "committee_member"])
def test_school_staff_and_committee_cannot_read_the_sections(run, as_user, persona, request):
    client = as_user(request.getfixturevalue(persona))
    assert client.get(standard(run)).status_code == 403
    assert client.get(reverse("sar:synthesis_schools", args=[run.pk])).status_code == 403


def test_anonymous_and_another_office(run, client, as_user, other_supervisor):
    urls = (standard(run), reverse("sar:synthesis_schools", args=[run.pk]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for url in urls:
        assert as_user(other_supervisor).get(url).status_code == 404


def test_public_sections_only_of_a_published_run(run, client, supervisor):
    public_std = standard(run, namespace="public")
    public_schools = reverse("public:synthesis_schools", args=[run.pk])
    assert client.get(public_std).status_code == 404
    assert client.get(public_schools).status_code == 404
    services.synthesis_publish(run=run, actor=supervisor)
    page = client.get(reverse("public:synthesis_detail", args=[run.pk])).content.decode()
    assert section_urls(page)[-1] == public_schools
    fragment = client.get(public_std, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "สถานศึกษาร้อยละ 66.67 มีผลการประเมินมาตรฐานที่ 1" in fragment.content.decode()
    assert client.get(public_schools).status_code == 200
    services.synthesis_unpublish(run=run, actor=supervisor)
    assert client.get(public_std).status_code == 404  # the cache does not outlive it
