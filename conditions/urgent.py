"""Warning signs that need help fast: one list, in two tiers, used on every page that gives urgent advice.

The guide, "What to do together", every condition page and the appointment
sheet all read this list, so they can never disagree. Checked against the NHS
and NICE pages listed in URGENT_SOURCES; when in doubt a sign sits in the
higher tier, so advice errs on the side of getting help sooner.
"""

from dataclasses import dataclass
from enum import IntEnum

from django.conf import settings


class Tier(IntEnum):
    SOON = 1  # a GP the same day or the next; the urgent advice line when the GP is closed
    EMERGENCY = 2  # the emergency number or A&E, now


@dataclass(frozen=True)
class WarningSign:
    key: str
    label: str  # how a worried person would recognise it
    tier: Tier


WARNING_SIGNS = (
    WarningSign("sudden_severe_pain", "Sudden, sharp or very bad pain low in your belly", Tier.EMERGENCY),
    WarningSign("pain_getting_worse", "Belly pain that is getting worse, or hurts when you move or touch it", Tier.EMERGENCY),
    WarningSign("heavy_bleeding", "Pain low in your belly with heavy bleeding from your vagina", Tier.EMERGENCY),
    WarningSign("faint_dizzy", "Feeling faint or dizzy, passing out, or looking very pale", Tier.EMERGENCY),
    WarningSign("fever_shivering", "A very high temperature, or feeling hot, cold or shivery, with belly pain", Tier.EMERGENCY),
    WarningSign("feeling_sick", "Feeling sick or being sick (vomiting) with belly pain", Tier.EMERGENCY),
    WarningSign("shoulder_tip_pain", "Pain in the tip of your shoulder, or under your right ribs, with belly pain", Tier.EMERGENCY),
    WarningSign("might_be_pregnant", "Pain low in your belly when you might be pregnant, even if a test said no", Tier.SOON),
    WarningSign("infection_signs", "New deep pain during sex with unusual discharge, bleeding or belly pain", Tier.SOON),
    WarningSign("pain_not_going_away", "Pain low in your belly that keeps coming back or does not go away", Tier.SOON),
    WarningSign("pee_pain_fever", "Pain or burning when you pee, with a high temperature, shivers or pain in your back", Tier.SOON),
    WarningSign("not_better_on_antibiotics", "Being treated for a pelvic infection and not feeling better after 3 days", Tier.SOON),
    WarningSign("bleeding_after_sex", "Bleeding after sex", Tier.SOON),
    WarningSign("bleeding_between_periods", "Bleeding between periods", Tier.SOON),
    WarningSign(
        "bleeding_after_menopause", "Any bleeding after menopause (when periods have stopped for good), even once", Tier.SOON
    ),
    WarningSign("sores_lumps", "New sores, blisters, ulcers or lumps on or around your genitals", Tier.SOON),
    WarningSign("unusual_discharge", "Discharge that has changed colour, smell or texture, or comes with itching", Tier.SOON),
    WarningSign(
        "bloating_peeing",
        "On most days: feeling bloated, feeling full quickly, not feeling hungry, or needing to pee more urgently or more often",
        Tier.SOON,
    ),
    WarningSign("weight_loss", "Losing weight without trying", Tier.SOON),
    WarningSign("new_bowel_problems", "New bowel problems like IBS (cramps, bloating, changes in your poo) from age 50", Tier.SOON),
    WarningSign("new_deep_pain_after_menopause", "New deep pain during sex, or new belly pain, after menopause", Tier.SOON),
)

# Opened with the search tool on 2026-11-26; most stored copies showed no date
# (see docs/urgent-signs.md for what each one supports).
URGENT_SOURCES = [
    {"publisher": "NHS website", "title": "Pelvic inflammatory disease", "url": "https://www.nhs.uk/conditions/pelvic-inflammatory-disease-pid/", "date": "2026-11-26", "date_label": "No date shown on the page; checked"},
    {"publisher": "NHS website", "title": "Vaginal bleeding between periods or after sex", "url": "https://www.nhs.uk/conditions/vaginal-bleeding-between-periods-or-after-sex/", "date": "2026-11-26", "date_label": "No date shown on the page; checked"},
    {"publisher": "nidirect", "title": "Ectopic pregnancy", "url": "https://www.nidirect.gov.uk/conditions/ectopic-pregnancy", "date": "2026-11-26", "date_label": "No date shown on the page; checked"},
    {"publisher": "Royal College of General Practitioners", "title": "Ectopic pregnancy: lessons from MBRRACE-UK", "url": "https://elearning.rcgp.org.uk/blog/index.php?entryid=66", "date": "2025-02-18", "date_label": "Posted"},
    {"publisher": "NICE", "title": "Ovarian cancer: recognition and initial management (CG122), recommendations", "url": "https://www.nice.org.uk/guidance/cg122/chapter/Recommendations", "date": "2026-11-26", "date_label": "Current guideline; checked"},
    {"publisher": "NICE", "title": "Suspected cancer: recognition and referral (NG12)", "url": "https://www.nice.org.uk/guidance/ng12/chapter/1-recommendations-organised-by-site-of-cancer", "date": "2026-11-26", "date_label": "Current guideline; checked"},
]

BY_KEY = {sign.key: sign for sign in WARNING_SIGNS}


def help_numbers():
    """The emergency and urgent-advice numbers: UK defaults, one setting to change for elsewhere."""
    return settings.HELP_NUMBERS


def in_tier(tier):
    return [sign for sign in WARNING_SIGNS if sign.tier == tier]


@dataclass
class Advice:
    """What to do about the signs someone has: the highest tier first, then any lower-tier signs."""

    tier: Tier
    signs: list  # every sign they have, highest tier first

    @property
    def is_emergency(self):
        return self.tier == Tier.EMERGENCY


def advice_for(keys):
    """Advice for a set of sign keys, or None when there are none. Unknown keys are ignored."""
    signs = sorted((BY_KEY[key] for key in dict.fromkeys(keys) if key in BY_KEY), key=lambda sign: -sign.tier)
    return Advice(signs[0].tier, signs) if signs else None
