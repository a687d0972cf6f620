from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def test_pagination_keeps_search_and_filters_and_replaces_page():
    request = RequestFactory().get("/schools/", {"q": "หนอง", "cluster": "3", "page": "2"})
    page = Paginator(list(range(100)), 10).page(2)
    html = render_to_string("_pagination.html", {"page": page, "request": request})
    assert "?q=%E0%B8%AB%E0%B8%99%E0%B8%AD%E0%B8%87&amp;cluster=3&amp;page=1" in html
    assert "cluster=3&amp;page=3" in html
    assert "cluster=3&amp;page=10" in html
    assert "page=2&amp;page" not in html
    assert "หน้า 2 จาก 10" in html


def test_single_page_shows_no_pager():
    request = RequestFactory().get("/schools/")
    page = Paginator([1, 2], 10).page(1)
    assert render_to_string("_pagination.html", {"page": page, "request": request}).strip() == ""
