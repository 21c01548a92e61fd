"""Warning signs: one list, in the NHS's three levels, used on every page that gives urgent advice.

The guide, "What to do together", every condition page and the appointment
sheet all read this list, so they can never disagree. Each sign has a level
(how soon) and places (where to go), checked against the pages listed in
docs/urgent-signs.md; when in doubt a sign sits in the higher level, so advice
errs on the side of getting help sooner.
"""

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from django.conf import settings


class Level(IntEnum):
    SOON = 1  # book within days: a GP, a sexual health clinic or a pharmacist
    URGENT = 2  # today: an urgent GP appointment or 111 (maternity care in pregnancy and after a birth)
    EMERGENCY = 3  # now: 999 or A&E


class Place(StrEnum):
    """Where a sign sends someone, in the order they are offered."""

    EMERGENCY = "emergency"  # 999 or A&E
    MATERNITY = "maternity"  # midwife, maternity unit or early pregnancy unit
    OWN_TEAM = "own_team"  # the person's own surgical or cancer team
    GP = "gp"  # a GP (urgent appointment, or 111, when the level is urgent)
    SEXUAL_HEALTH = "sexual_health"  # a sexual health clinic
    PHARMACIST = "pharmacist"  # only where a pharmacist is the right first stop


PLACE_ORDER = list(Place)


class Situation(StrEnum):
    """What someone said about their body and the last few weeks, which changes where their signs go."""

    PREGNANT = "pregnant"  # pregnant now, or could be
    AFTER_BIRTH = "after_birth"  # each of these three: in the last 6 weeks
    AFTER_MISCARRIAGE = "after_miscarriage"
    AFTER_ABORTION = "after_abortion"
    AFTER_SURGERY = "after_surgery"  # pelvic or genital surgery, recent or (after vaginoplasty) at any time
    CANCER_TREATMENT = "cancer_treatment"  # radiotherapy, surgery or cancer treatment in the pelvis
    UNDER_18 = "under_18"
    AGE_50_OR_OVER = "age_50_or_over"
    INFECTIONS_COME_BACK = "infections_come_back"


@dataclass(frozen=True)
class WarningSign:
    key: str
    label: str  # how a worried person would recognise it
    level: Level
    places: tuple = ()  # where to go besides the level's own first stop; empty means the level's usual places
    note: str = ""  # one more line that matters for this sign alone


E, U, S = Level.EMERGENCY, Level.URGENT, Level.SOON
GP_CLINIC = (Place.GP, Place.SEXUAL_HEALTH)
THRUSH = (Place.PHARMACIST, Place.GP, Place.SEXUAL_HEALTH)

WARNING_SIGNS = (
    WarningSign("sudden_severe_pain", "Sudden, sharp or very bad pain low in your belly", E),
    WarningSign("pain_getting_worse", "Belly pain that is getting worse, or hurts when you move or touch it", E),
    WarningSign(
        "heavy_bleeding",
        "Heavy bleeding from your vagina with belly pain, or while pregnant or after a birth (a pad soaked in an hour, or large clots)",
        E,
    ),
    WarningSign("faint_dizzy", "Feeling faint or dizzy, passing out, or looking very pale", E),
    WarningSign("fever_shivering", "A very high temperature, or feeling hot, cold or shivery, with belly pain", E),
    WarningSign("feeling_sick", "Feeling sick or being sick (vomiting) with belly pain", E),
    WarningSign("shoulder_tip_pain", "Pain in the tip of your shoulder, or under your right ribs, with belly pain", E),
    WarningSign("confused_drowsy", "Feeling confused or very drowsy, slurred speech, or finding it hard to speak", E),
    WarningSign(
        "sepsis_skin",
        "Blue, pale or blotchy skin, lips or tongue, or a rash that does not fade when you roll a glass over it",
        E,
    ),
    WarningSign("sepsis_breathing", "Breathing very fast, or finding it hard to breathe", E),
    WarningSign(
        "might_be_pregnant",
        "Pain low in your belly when you might be pregnant, even if a test said no",
        U,
        (Place.MATERNITY, Place.GP),
    ),
    WarningSign(
        "bleeding_in_pregnancy",
        "Any bleeding from your vagina when you are pregnant, even a few spots",
        U,
        (Place.MATERNITY,),
    ),
    WarningSign(
        "wound_problem",
        "Stitches or a wound from a birth or surgery that hurts more, smells, leaks, looks red or swollen, or starts to open",
        U,
        (Place.MATERNITY, Place.OWN_TEAM, Place.GP),
    ),
    WarningSign(
        "unwell_after_pregnancy",
        "In the 6 weeks after a birth, miscarriage or abortion: a high temperature, smelly discharge, heavier bleeding, "
        "or belly pain that is getting worse",
        U,
        (Place.MATERNITY, Place.GP),
    ),
    WarningSign(
        "coil_pain",
        "With a coil: belly pain that painkillers do not help, new deep pain during sex, a high temperature or smelly discharge",
        U,
        GP_CLINIC,
    ),
    WarningSign(
        "unwell_in_cancer_treatment",
        "Having cancer treatment now, or in the last 6 weeks, with a high temperature or feeling unwell",
        U,
        (Place.OWN_TEAM, Place.GP),
        "During cancer treatment, call your 24-hour cancer helpline now. Do not wait.",
    ),
    WarningSign(
        "infection_signs", "New deep pain during sex with unusual discharge, bleeding or belly pain", U, GP_CLINIC
    ),
    WarningSign(
        "pain_not_going_away", "Pain low in your belly, not only during sex, that comes and goes or does not go away", U
    ),
    WarningSign(
        "pee_pain_fever",
        "Pain or burning when you pee, with a very high temperature, shivers, or pain in your back just under the ribs",
        U,
    ),
    WarningSign(
        "not_better_on_antibiotics", "Taking antibiotics for a pelvic infection and not feeling better after 3 days", U
    ),
    WarningSign("bleeding_after_sex", "Bleeding after sex", S, GP_CLINIC),
    WarningSign("bleeding_between_periods", "Bleeding between periods", S, GP_CLINIC),
    WarningSign(
        "bleeding_after_menopause",
        "Any bleeding from your vagina after your periods have stopped for good, even once or only spotting",
        S,
        (Place.GP,),
        "Bleeding after your periods have stopped for good always needs checking. Book a GP appointment now. Do not wait to see if it happens again.",
    ),
    WarningSign("blood_in_pee", "Blood in your pee, even once, or pee that looks pink, red or brown", U),
    WarningSign(
        "sores_lumps",
        "New sores, blisters, ulcers, lumps or growths on or around your genitals or bottom",
        S,
        GP_CLINIC,
    ),
    WarningSign(
        "unusual_discharge",
        "Discharge from your vagina that has changed colour, smell or texture, or there is more than usual",
        S,
        THRUSH,
    ),
    WarningSign("itching_soreness", "Itching, soreness or burning around your vagina or vulva", S, THRUSH),
    WarningSign(
        "skin_changes", "White patches, splits, or skin that looks or feels different on your vulva", S, (Place.GP,)
    ),
    WarningSign(
        "bloating_peeing",
        "On most days: feeling bloated, feeling full quickly, not feeling hungry, belly pain, or needing to pee more urgently or more often",
        S,
        (Place.GP,),
    ),
    WarningSign("weight_loss", "Losing weight without trying", S, (Place.GP,)),
    WarningSign(
        "new_bowel_problems",
        "From age 50: new bowel problems in the last year, like cramps, bloating, or poo that is runnier or harder than usual",
        S,
        (Place.GP,),
    ),
    WarningSign(
        "new_deep_pain_after_menopause",
        "New pain deep inside during sex, or new pain low in your belly, that started after your periods stopped for good",
        S,
        (Place.GP,),
    ),
)

BY_KEY = {sign.key: sign for sign in WARNING_SIGNS}

# A pharmacist is the right first stop only for thrush diagnosed before, and not for these people (NHS, Vaginal thrush).
MATERNITY_CARE = {Situation.PREGNANT, Situation.AFTER_BIRTH, Situation.AFTER_MISCARRIAGE, Situation.AFTER_ABORTION}
OWN_TEAM_CARE = {Situation.AFTER_SURGERY, Situation.CANCER_TREATMENT}
NOT_FOR_PHARMACIST = MATERNITY_CARE | {Situation.UNDER_18, Situation.AGE_50_OR_OVER, Situation.INFECTIONS_COME_BACK}


def help_numbers():
    """The emergency and urgent-advice numbers: UK defaults, one setting to change for elsewhere."""
    return settings.HELP_NUMBERS


def at_level(level):
    return [sign for sign in WARNING_SIGNS if sign.level == level]


def places_for(signs, situations=frozenset()):
    """Where signs at one level go, first stop first, for someone in these situations.

    Pregnancy and the weeks after a birth, miscarriage or termination always add
    maternity care; surgery or cancer treatment adds the person's own team; a
    pharmacist stays only where one is the right first stop; a GP (or 111, when
    it is urgent) is always a way in.
    """
    level = max(sign.level for sign in signs)
    if level == E:
        return [Place.EMERGENCY]
    places = {place for sign in signs for place in sign.places} | {Place.GP}
    if situations & MATERNITY_CARE:
        places.add(Place.MATERNITY)
    if situations & OWN_TEAM_CARE:
        places.add(Place.OWN_TEAM)
    if situations & NOT_FOR_PHARMACIST or not all(Place.PHARMACIST in sign.places for sign in signs):
        places.discard(Place.PHARMACIST)  # thrush-type signs alone, thrush diagnosed before: NHS, Vaginal thrush
    return sorted(places, key=PLACE_ORDER.index)


@dataclass(frozen=True)
class Derived:
    """A sign someone's other answers amount to, with the answers that led to it, in their words."""

    sign: WarningSign
    because: tuple


@dataclass
class LevelAdvice:
    level: Level
    places: list
    ticked: list  # signs the person ticked
    derived: list = field(default_factory=list)  # Derived: signs their other answers amount to

    @property
    def notes(self):
        return [s.note for s in [*self.ticked, *(d.sign for d in self.derived)] if s.note]


@dataclass
class Advice:
    """What to do about the signs someone has: one part per level, the most urgent first."""

    levels: list
    situations: frozenset = frozenset()  # so the words can say "call your midwife", not "if you are pregnant"

    @property
    def level(self):
        return self.levels[0].level

    @property
    def is_emergency(self):
        return self.level == E

    @property
    def signs(self):
        return [sign for part in self.levels for sign in [*part.ticked, *(d.sign for d in part.derived)]]


def advice_for(ticked, derived=(), situations=frozenset()):
    """Advice for the sign keys ticked and the Derived signs other answers amount to; None when there are none.

    A sign both ticked and derived counts as ticked. Unknown keys are ignored.
    """
    ticked_signs = [BY_KEY[key] for key in dict.fromkeys(ticked) if key in BY_KEY]
    derived = [d for d in derived if d.sign not in ticked_signs]
    derived = list({d.sign.key: d for d in derived}.values())
    levels = []
    for level in (E, U, S):
        mine = [s for s in ticked_signs if s.level == level]
        theirs = [d for d in derived if d.sign.level == level]
        if mine or theirs:
            signs = [*mine, *(d.sign for d in theirs)]
            levels.append(LevelAdvice(level, places_for(signs, situations), mine, theirs))
    return Advice(levels, frozenset(situations)) if levels else None
