"""iqa_district.paging: a page's ids sorted in the database, then its rows by id."""

from iqa_district.paging import page_by_ids
from schools.models import School
from tests.factories import SchoolFactory


def test_page_keeps_the_order_and_the_related_rows(office, cluster, django_assert_num_queries):
    SchoolFactory.create_batch(7, area_office=office, cluster=cluster)
    ordered = School.objects.select_related("cluster").order_by("-code")
    expected = list(ordered.values_list("code", flat=True))
    # The count, the page's ids, its rows with their clusters: nothing per row.
    with django_assert_num_queries(3):
        page = page_by_ids(ordered, 3, 2)
        rows = [(school.code, school.cluster.name) for school in page]
    assert [code for code, _ in rows] == expected[3:6]
    assert {name for _, name in rows} == {cluster.name}
    assert page.number == 2 and page.paginator.num_pages == 3


def test_a_page_past_the_end_is_the_last(office, cluster):
    SchoolFactory.create_batch(4, area_office=office, cluster=cluster)
    page = page_by_ids(School.objects.order_by("code"), 3, 99)
    assert [s.code for s in page] == list(
        School.objects.order_by("code").values_list("code", flat=True)
    )[3:]
