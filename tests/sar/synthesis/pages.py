"""The synthesis report page as a reader sees it once every section is opened."""

import re

SECTION = re.compile(r'hx-get="(/(?:sar|public)/synthesis/\d+/(?:standards/\d+/\d+|schools)/)"')


def section_urls(page: str) -> list[str]:
    """The sections the report page loads when their <details> is opened, in order."""
    return list(dict.fromkeys(SECTION.findall(page)))


def whole_report(client, url: str) -> str:
    """The report page followed by every section, as htmx loads them."""
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    parts = [page]
    for section in section_urls(page):
        fragment = client.get(section, HTTP_HX_REQUEST="true")
        assert fragment.status_code == 200, section
        parts.append(fragment.content.decode())
    return "\n".join(parts)
