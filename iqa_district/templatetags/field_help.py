"""``{% iqa_steps_help %}`` and ``{% quality_levels_help %}``: the short Thai help of
iqa_district.help.fields, collapsed under a link beside the form that asks for them."""

from django import template

from iqa_district.help.fields import IQA_STEPS, LEVEL_NOTE, QUALITY_LEVELS

register = template.Library()


@register.inclusion_tag("help/_iqa_steps.html")
def iqa_steps_help() -> dict[str, object]:
    return {"steps": IQA_STEPS}


@register.inclusion_tag("help/_quality_levels.html")
def quality_levels_help() -> dict[str, object]:
    return {"levels": QUALITY_LEVELS, "note": LEVEL_NOTE}
