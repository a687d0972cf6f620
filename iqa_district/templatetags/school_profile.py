"""``{% school_profile_section section %}``: one section of a school's whole picture, rendered
with the context its app computed (plus the page's own: request, user, school)."""

from django import template
from django.template.loader import get_template

from iqa_district.school_profile import Section

register = template.Library()


@register.simple_tag(takes_context=True)
def school_profile_section(context: template.Context, section: Section) -> str:
    page = {"request": context.get("request"), "user": context.get("user")}
    page["school"] = context.get("school")
    # Without the request: the context processors have run once for the page already.
    return get_template(section.template).render({**page, **section.context})
