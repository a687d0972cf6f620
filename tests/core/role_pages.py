"""Every HTML page of a role: the permission matrix's GET 200 cells (tests/core/
permission_matrix.txt, with the matrix world's representative rows) whose answer is an
HTML page, not a PDF or a spreadsheet, plus every role's guide under /help/ (the matrix
opens one guide only). Used by the screens test (no sideways scroll) and the numerals
test (one kind of digit, English labels)."""

from django.test import Client
from django.urls import reverse

from iqa_district.help.guide import GUIDES
from tests.core.test_permission_matrix import EXPECTED, ROLES, kwargs_for, url_of, url_patterns


def role_pages(role, user, world, *, language=None):
    """[(key, url, response)] of the role's HTML pages; ``language`` sets the language
    cookie (the switch in the navbar) for every request."""
    from django.conf import settings

    client = Client(raise_request_exception=False)
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.force_login(user)
    index = ROLES.index(role)
    urls = []
    for key, (route, pattern) in sorted(url_patterns().items()):
        if EXPECTED[key][0].split()[index] != "200":
            continue
        kwargs = kwargs_for(key, route, world, world["_admin"])
        urls.append((key, url_of(key, route, pattern, kwargs)))
    if user is not None:
        urls += [
            (f"help:guide {guide.key}", reverse("help:guide", args=[guide.key])) for guide in GUIDES
        ]
    pages, seen = [], set()
    for key, url in urls:
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            pages.append((key, url, response))
    return pages
