from django import template

from conditions.urgent import MATERNITY_CARE, OWN_TEAM_CARE, Level, Place, at_level, help_numbers

register = template.Library()

# Everyone's box names every place a level can lead to, each worded for "if this is you".
EVERY_PLACE = {
    Level.URGENT: [Place.MATERNITY, Place.OWN_TEAM, Place.GP, Place.SEXUAL_HEALTH],
    Level.SOON: [Place.MATERNITY, Place.GP, Place.SEXUAL_HEALTH, Place.PHARMACIST],
}


@register.inclusion_tag("conditions/_warning_signs.html")
def warning_signs(advice=None, heading_level=2):
    """The one warning-signs box: everyone's three levels, or (with `advice`) what to do about the signs someone has."""
    return {
        "advice": advice,
        "everyone": [(level, at_level(level), EVERY_PLACE.get(level, [Place.EMERGENCY])) for level in reversed(Level)],
        "numbers": help_numbers(),
        "h": f"h{heading_level}",
        "h_sub": f"h{heading_level + 1}",
    }


@register.inclusion_tag("conditions/_where_to_go.html")
def where_to_go(level, places, situations=frozenset()):
    """Where to go for signs at one level, first stop first, worded for what the person told us, or for anyone."""

    def who(place, known):
        """ "you": the person told us this is them; "anyone": worded for whoever it fits; None: not shown."""
        return None if place not in places else "you" if known & situations else "anyone"

    return {
        "level": level.name,
        "maternity": who(Place.MATERNITY, MATERNITY_CARE),
        "own_team": who(Place.OWN_TEAM, OWN_TEAM_CARE),
        "known": {situation.name for situation in situations},
        "clinic": Place.SEXUAL_HEALTH in places,
        "pharmacist": Place.PHARMACIST in places,
        "numbers": help_numbers(),
    }


# Short words for where each sign goes, shown after it in everyone's box.
PLACE_WORDS = {
    Place.MATERNITY: "your midwife, maternity unit or early pregnancy unit",
    Place.OWN_TEAM: "your own surgical or cancer team",
    Place.SEXUAL_HEALTH: "a sexual health clinic",
    Place.PHARMACIST: "a pharmacist if you have had thrush diagnosed before and this feels the same",
}
GP_WORDS = {Level.URGENT: "your GP urgently or {urgent_advice}", Level.SOON: "a GP"}


@register.filter
def goes_to(sign, numbers):
    """Where one sign goes, in a few words: "your GP urgently or 111, or a sexual health clinic"."""
    places = sign.places or (Place.GP,)
    words = [GP_WORDS[sign.level].format(**numbers) if place == Place.GP else PLACE_WORDS[place] for place in places]
    return ", or ".join(words)
