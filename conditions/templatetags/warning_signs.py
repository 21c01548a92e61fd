from django import template

from conditions.urgent import Tier, help_numbers, in_tier

register = template.Library()


@register.inclusion_tag("conditions/_warning_signs.html")
def warning_signs(advice=None, heading_level=2):
    """The one warning-signs box: everyone's two tiers, or (with `advice`) what to do about the signs someone has."""
    return {
        "advice": advice,
        "emergency": in_tier(Tier.EMERGENCY),
        "soon": in_tier(Tier.SOON),
        "numbers": help_numbers(),
        "h": f"h{heading_level}",
        "h_sub": f"h{heading_level + 1}",
    }
