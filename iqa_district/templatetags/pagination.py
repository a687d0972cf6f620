"""``{% page_url n %}``: the current URL's query string with ``page`` set to ``n``.

Loaded as a builtin; templates/_pagination.html uses it so every list keeps its search
and filters when paging.
"""

from django import template
from django.template.context import Context

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context: Context, number: int) -> str:
    params = context["request"].GET.copy()
    params["page"] = number
    return f"?{params.urlencode()}"
