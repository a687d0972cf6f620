"""``{% applicable_standard_sets school as sets %}``: the standard sets a school reports
against, with their standards prefetched.

The school profile is the registry's page, but which sets apply is Standards' knowledge;
the profile's template asks Standards here, so the registry's code imports nothing of
the apps built on it.
"""

from django import template

from schools.models import School
from standards.models import StandardSet, StandardSetQuerySet

register = template.Library()


@register.simple_tag
def applicable_standard_sets(school: School) -> StandardSetQuerySet:
    return StandardSet.objects.applicable_to(school).prefetch_related("standards")
