"""The "Where does it hurt?" guide: a plain form and the answer-to-condition map.

Nothing here is stored. The map only says which library pages are worth
raising with a specialist and why; it never names a diagnosis. Warning signs
come from conditions/urgent.py; the guide adds only the signs a person's other
answers amount to, and says which answers led to each.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.utils.choices import flatten_choices

from .urgent import BY_KEY, OWN_TEAM_CARE, Derived, Situation, advice_for

WHERE_CHOICES = [
    ("entrance", "At or just inside the entrance"),
    ("deep", "Deep inside, in the pelvis or low belly"),
    ("both", "Both, or it moves around"),
    ("unsure", "I'm not sure"),
]

FEELS_CHOICES = [
    ("burning", "Burning, stinging or raw, like a paper cut"),
    ("wall", "Tight, like hitting a wall; going in is hard or not possible"),
    ("dry", "Dry or rubbing, with soreness during or after"),
    ("ache", "A deep ache or sharp pain inside"),
    ("pressure", "Muscle ache, pressure or tightness"),
]

STARTED_CHOICES = [
    ("always", "It has hurt since the very first time"),
    ("later", "It started after a time when sex did not hurt"),
    ("unsure", "I'm not sure"),
]

HAPPENS_CHOICES = [
    ("any_touch", "With any touch at the entrance, like a tampon or a finger"),
    ("period", "It is worse around a period"),
    ("pooing", "Pain when pooing, or changes in your poo, around a period"),
    ("after", "Aching or burning goes on after sex"),
    ("fear", "Worry about pain builds up before anything starts"),
]

CONTEXT_CHOICES = [
    ("perimenopause", "Going through perimenopause: periods are changing, or hot flushes"),
    ("menopause", "Periods have stopped for good (after menopause)"),
    ("birth", "Had a baby in the last year, or breastfeeding"),
    ("ovaries", "Had the ovaries removed, or taking medicine that lowers oestrogen"),
    ("pelvic_treatment", "Had radiotherapy, surgery or cancer treatment in the pelvis"),
    ("painful_periods", "Very painful periods"),
    ("bladder", "Needing to pee urgently or more often"),
    ("back", "Low back pain"),
    ("infections", "Thrush or other infections that keep coming back"),
    ("new_partner", "The pain started with a new sexual partner"),
    ("stress", "A lot of stress, or often clenching the belly or pelvis"),
]

PREGNANT_CHOICES = [("yes", "Yes"), ("maybe", "I could be"), ("no", "No")]

RECENT_CHOICES = [
    ("birth", "Had a baby"),
    ("miscarriage", "A miscarriage"),
    ("termination", "An abortion (termination of pregnancy)"),
    ("coil", "A coil (IUD or IUS) fitted"),
    ("surgery", "Surgery in your pelvis or genitals"),
]

AGE_CHOICES = [("under_18", "Under 18"), ("18_49", "18 to 49"), ("50_plus", "50 or over")]

BODY_CHOICES = [
    ("vaginoplasty", "Had surgery to make a vagina (vaginoplasty), including gender-affirming surgery"),
    ("testosterone", "Taking testosterone"),
    ("no_womb_or_ovaries", "No womb and no ovaries"),
]

UNWANTED_CHOICES = [("yes", "Yes"), ("unsure", "I'm not sure"), ("no", "No"), ("skip", "I'd rather not say")]

# The warning-sign checkboxes, in groups a worried person can scan.
URGENT_GROUPS = [
    (
        "Pain and feeling unwell",
        [
            "sudden_severe_pain",
            "pain_getting_worse",
            "pain_not_going_away",
            "faint_dizzy",
            "fever_shivering",
            "feeling_sick",
            "shoulder_tip_pain",
            "confused_drowsy",
            "sepsis_skin",
            "sepsis_breathing",
        ],
    ),
    ("Bleeding", ["heavy_bleeding", "bleeding_after_sex", "bleeding_between_periods", "bleeding_after_menopause"]),
    (
        "Pregnancy, a birth, surgery, cancer treatment or a coil",
        [
            "might_be_pregnant",
            "bleeding_in_pregnancy",
            "wound_problem",
            "unwell_after_pregnancy",
            "unwell_in_cancer_treatment",
            "coil_pain",
        ],
    ),
    (
        "Infection, skin and peeing",
        [
            "infection_signs",
            "not_better_on_antibiotics",
            "pee_pain_fever",
            "blood_in_pee",
            "unusual_discharge",
            "itching_soreness",
            "sores_lumps",
            "skin_changes",
        ],
    ),
    ("Other changes", ["bloating_peeing", "weight_loss", "new_bowel_problems", "new_deep_pain_after_menopause"]),
]

URGENT_CHOICES = [(group, [(key, BY_KEY[key].label) for key in keys]) for group, keys in URGENT_GROUPS]

# Answer -> [(condition slug, why it is worth raising)]. Where it hurts is never a reason on its own:
# it only filters out pages about pain felt somewhere else (see suggest).
SIGNS = {
    "feels:burning": [
        ("vulvodynia", "Burning or stinging, like a paper cut, is how many describe vulvodynia."),
        ("hormonal-changes", "Low oestrogen can make the vagina feel raw or burning."),
    ],
    "feels:wall": [
        ("vaginismus", "Feeling like you hit a wall is typical of vaginismus."),
    ],
    "feels:dry": [
        ("hormonal-changes", "Dryness and soreness are common when oestrogen is low."),
    ],
    "feels:ache": [
        ("endometriosis", "A deep ache or sharp pain inside can fit endometriosis."),
    ],
    "feels:pressure": [
        ("pelvic-floor-dysfunction", "Pressure and muscle ache point to the pelvic floor muscles."),
    ],
    "started:always": [
        ("vaginismus", "Pain from the very first time can fit vaginismus that has always been there."),
        ("vulvodynia", "Provoked vestibulodynia can also be there from the very first time."),
    ],
    "happens:any_touch": [
        ("vulvodynia", "Pain from light touch at the entrance fits provoked vestibulodynia."),
        ("vaginismus", "Tampons and fingers can also make the muscles tighten in vaginismus."),
    ],
    "happens:period": [
        ("endometriosis", "Pain that is worse around a period can fit endometriosis."),
    ],
    "happens:pooing": [
        ("endometriosis", "Pain when you poo during your period can be linked to endometriosis."),
    ],
    "happens:after": [
        ("hormonal-changes", "Aching or burning after sex is common when oestrogen is low."),
    ],
    "happens:fear": [
        ("vaginismus", "Fear of pain can make the muscles around the entrance tighten."),
        ("pelvic-floor-dysfunction", "Worry can make the pelvic floor tense up even more."),
    ],
    "context:perimenopause": [
        ("hormonal-changes", "Oestrogen falls around menopause, which thins the vaginal tissue."),
    ],
    "context:menopause": [
        ("hormonal-changes", "Oestrogen falls around menopause, which thins the vaginal tissue."),
    ],
    "context:birth": [
        ("hormonal-changes", "Oestrogen is low after birth and while breastfeeding."),
        ("pelvic-floor-dysfunction", "Birth can strain or injure the pelvic floor."),
    ],
    "context:ovaries": [
        ("hormonal-changes", "Removing the ovaries, or some medicines, lower oestrogen."),
    ],
    "context:pelvic_treatment": [
        ("hormonal-changes", "Cancer treatment and radiotherapy can lower oestrogen and make the vagina dry."),
    ],
    "context:painful_periods": [
        ("endometriosis", "Very painful periods are a common sign of endometriosis."),
    ],
    "context:bladder": [
        ("pelvic-floor-dysfunction", "Needing to pee urgently can come with tight pelvic floor muscles."),
    ],
    "context:back": [
        ("pelvic-floor-dysfunction", "Low back pain can come with tight pelvic floor muscles."),
    ],
    "context:infections": [
        ("vulvodynia", "Vulvodynia sometimes starts after infections that kept coming back."),
    ],
    "context:stress": [
        ("pelvic-floor-dysfunction", "Holding stress can keep the pelvic floor clenched."),
    ],
    "body:testosterone": [
        ("hormonal-changes", "Testosterone can make the vagina drier, so sex can hurt more."),
    ],
}

# "Both" counts as entrance and deep.
WHERE_KEYS = {"entrance": ["where:entrance"], "deep": ["where:deep"], "both": ["where:entrance", "where:deep"]}

# Answers that mean more than they say: a baby in the last 6 weeks is also a baby in the last year.
IMPLIED = {"recent:birth": ["context:birth"]}

# Other causes a specialist checks, by where they are usually felt; the answers that raise each one.
SURGERY_OR_TREATMENT = ("context:pelvic_treatment", "recent:surgery", "body:vaginoplasty")
INFECTION = ("urgent:infection_signs", "urgent:unusual_discharge", "urgent:sores_lumps", "context:new_partner")
OTHER_CAUSES = {
    "entrance": [
        ("Thrush and other infections", ("context:infections", "urgent:itching_soreness", "urgent:unusual_discharge")),
        ("Sexually transmitted infections (STIs), such as herpes or chlamydia", INFECTION),
        (
            "Skin conditions of the vulva, such as lichen sclerosus or eczema",
            ("urgent:skin_changes", "urgent:itching_soreness"),
        ),
        ("Irritation from soaps, lubricants, condoms or spermicides", ()),
        ("Dryness from not enough arousal, some medicines, or breastfeeding", ("context:birth",)),
        ("A tear or scar from giving birth", ("context:birth",)),
        ("Scarring or narrowing after surgery or radiotherapy", SURGERY_OR_TREATMENT),
    ],
    "deep": [
        (
            "A pelvic infection, such as pelvic inflammatory disease (PID)",
            (*INFECTION, "urgent:coil_pain", "recent:coil"),
        ),
        ("Ovarian cysts: fluid-filled sacs on an ovary", ()),
        ("Fibroids: non-cancerous growths in or around the womb", ()),
        ("Prolapse, when the womb, bladder or bowel drops down", ("context:birth",)),
        ("Bowel conditions, such as irritable bowel syndrome (IBS)", ("happens:pooing", "urgent:new_bowel_problems")),
        ("Scarring after surgery or radiotherapy", SURGERY_OR_TREATMENT),
        ("Healing after childbirth", ("context:birth",)),
        ("Rarely, cancer", ()),
    ],
}

# What each answer is called when the guide explains a sign it derived ("because you said ...").
SAID = {
    "pregnant": "you are pregnant or could be",
    "bleeding": "you told us about bleeding",
    "deep": "you feel pain deep inside",
    "belly_pain": "you told us about belly pain that does not go away",
    "after_pregnancy": "you had a baby, a miscarriage or an abortion in the last 6 weeks",
    "discharge": "you told us your discharge has changed",
    "coil": "you had a coil fitted in the last 6 weeks",
    "menopause": "your periods have stopped for good",
    "later": "the pain started after a time when sex did not hurt",
}
PREGNANT = {"pregnant:yes", "pregnant:maybe"}
AFTER_PREGNANCY = {"recent:birth", "recent:miscarriage", "recent:termination"}
BLEEDING = {"urgent:bleeding_after_sex", "urgent:bleeding_between_periods"}
DEEP = {"where:deep"}  # "both" counts as deep too
BELLY_PAIN = {"urgent:pain_not_going_away"}
DISCHARGE = {"urgent:unusual_discharge"}

# Signs that other answers amount to. A rule is a list of needs, all of which must be met; a need is
# one or more (what it is called in SAID, answers any of which meet it).
DERIVED_SIGNS = {
    "bleeding_in_pregnancy": [[("pregnant", PREGNANT)], [("bleeding", BLEEDING | {"urgent:bleeding_after_menopause"})]],
    "might_be_pregnant": [[("pregnant", PREGNANT)], [("deep", DEEP), ("belly_pain", BELLY_PAIN)]],
    "unwell_after_pregnancy": [
        [("after_pregnancy", AFTER_PREGNANCY)],
        [("discharge", DISCHARGE), ("belly_pain", BELLY_PAIN)],
    ],
    "coil_pain": [[("coil", {"recent:coil"})], [("deep", DEEP), ("belly_pain", BELLY_PAIN), ("discharge", DISCHARGE)]],
    "bleeding_after_menopause": [[("menopause", {"context:menopause"})], [("bleeding", BLEEDING)]],
    "new_deep_pain_after_menopause": [
        [("menopause", {"context:menopause"})],
        [("later", {"started:later"})],
        [("deep", DEEP)],
    ],
}


def derived_signs(keys):
    """The Derived signs these answer keys amount to, each with the answers that led to it in plain words."""
    found = []
    for sign_key, needs in DERIVED_SIGNS.items():
        because = [next((SAID[name] for name, answers in need if answers & keys), None) for need in needs]
        if all(because):
            found.append(Derived(BY_KEY[sign_key], tuple(because)))
    return found


# Answers that tell where someone's signs should go (maternity care, their own team) and who a pharmacist can help.
SITUATIONS = {
    Situation.PREGNANT: PREGNANT,
    Situation.AFTER_BIRTH: {"recent:birth"},
    Situation.AFTER_MISCARRIAGE: {"recent:miscarriage"},
    Situation.AFTER_ABORTION: {"recent:termination"},
    Situation.AFTER_SURGERY: {"recent:surgery", "body:vaginoplasty"},
    Situation.CANCER_TREATMENT: {"context:pelvic_treatment"},
    Situation.UNDER_18: {"age:under_18"},
    Situation.AGE_50_OR_OVER: {"age:50_plus"},
    Situation.INFECTIONS_COME_BACK: {"context:infections"},
}

# Pages that cannot apply to a body, and pages that are rare for it (shown last).
CANNOT_APPLY = {"body:vaginoplasty": {"endometriosis", "hormonal-changes"}}
RARE = {"context:menopause": {"endometriosis"}, "body:no_womb_or_ovaries": {"endometriosis"}}
# The hormonal page (low oestrogen, vaginal oestrogen and HRT) is offered only with an answer about hormones
# (or, for an adult, dryness): burning or an ache after sex alone never point to it (see suggest).
HORMONAL = {
    "context:perimenopause",
    "context:menopause",
    "context:birth",
    "context:ovaries",
    "context:pelvic_treatment",
    "body:testosterone",
}
# Answers that make "get tested for infections first" the first thing to do.
TEST_FIRST = set(INFECTION) | {"urgent:coil_pain", "recent:coil"}

# Library pages worth reading, and the answers that make each one fit.
MORE_TO_READ = {
    "getting-tested": (*TEST_FIRST, "context:infections", "urgent:itching_soreness"),
    "after-a-birth": ("context:birth", "recent:birth"),
    "contraception": ("context:new_partner", "recent:birth", "recent:miscarriage", "recent:termination"),
    "after-surgery-or-cancer": SURGERY_OR_TREATMENT,
    "medicines-and-dryness": ("feels:dry", "context:ovaries", "body:testosterone"),
    "looking-after-your-mind": ("context:stress", "happens:fear"),
}
ALWAYS_WORTH_READING = "seeing-a-doctor"


def _choose_any(label, choices, help_text="Choose any that fit."):
    return forms.MultipleChoiceField(
        label=label, help_text=help_text, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
    )


def _choose_one(label, choices, missing=None, help_text=""):
    """One answer; required when it has a message for a missing answer, otherwise free to skip."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        required=missing is not None,
        error_messages={"required": missing} if missing else {},
    )


SKIP = "You can skip this."
NOT_ON_THE_SHEET = {"unwanted"}  # asked to show help first; never printed for someone else to read


class WhereDoesItHurtForm(forms.Form):
    where = _choose_one(
        "Where do you feel the pain?", WHERE_CHOICES, "Please choose where you feel it, or pick “I'm not sure”."
    )
    feels = _choose_any("What does it feel like?", FEELS_CHOICES)
    started = _choose_one(
        "When did it start?", STARTED_CHOICES, "Please choose when it started, or pick “I'm not sure”."
    )
    happens = _choose_any("When does it happen?", HAPPENS_CHOICES)
    context = _choose_any("What else is going on?", CONTEXT_CHOICES)
    pregnant = _choose_one("Are you pregnant, or could you be?", PREGNANT_CHOICES, help_text=SKIP)
    recent = _choose_any("In the last 6 weeks, have you had any of these?", RECENT_CHOICES)
    age = _choose_one("How old are you?", AGE_CHOICES, help_text=SKIP)
    body = _choose_any("Anything about your body we should know?", BODY_CHOICES, "Choose any that fit, or skip this.")
    urgent = _choose_any("Have you noticed any of these warning signs?", URGENT_CHOICES)
    unwanted = _choose_one(
        "Has anything sexual happened that you did not want?",
        UNWANTED_CHOICES,
        help_text="You can skip this. Your answer is not saved. It only changes which help we show first.",
    )

    def answer_keys(self):
        """Every answer as "question:choice", plus what an answer implies; where it hurts as entrance and deep."""
        return self._answer_keys

    @cached_property
    def _answer_keys(self):
        data = self.cleaned_data
        keys = list(WHERE_KEYS.get(data["where"], []))
        keys.append(f"started:{data['started']}")
        keys.extend(f"{name}:{data[name]}" for name in ("pregnant", "age", "unwanted") if data.get(name))
        for name in ("feels", "happens", "context", "recent", "body", "urgent"):
            keys.extend(f"{name}:{value}" for value in data[name])
        keys.extend(implied for key in list(keys) for implied in IMPLIED.get(key, []))
        return list(dict.fromkeys(keys))

    @cached_property
    def situations(self):
        keys = set(self.answer_keys())
        return frozenset(situation for situation, answers in SITUATIONS.items() if answers & keys)

    def urgent_advice(self):
        """The warning signs ticked, and apart from them the ones the other answers amount to; None when there are none."""
        return advice_for(self.cleaned_data["urgent"], derived_signs(set(self.answer_keys())), self.situations)

    def other_causes(self):
        """Other causes a specialist checks, for where it hurts: (heading, [(cause, raised by an answer)])."""
        keys = set(self.answer_keys())
        where = self.cleaned_data["where"]
        groups = {"entrance": ["entrance"], "deep": ["deep"]}.get(where, ["entrance", "deep"])
        headings = {"entrance": "Felt at the entrance", "deep": "Felt deep inside"}
        return [
            (headings[group], [(cause, bool(keys.intersection(raised))) for cause, raised in OTHER_CAUSES[group]])
            for group in groups
        ]

    def pointers(self):
        """Which extra help to show first: after an assault, for a young person, infection tests, the person's own team."""
        keys = set(self.answer_keys())
        return {
            "after_assault": bool({"unwanted:yes", "unwanted:unsure"} & keys),
            "young_person": "age:under_18" in keys,
            "test_first": bool(TEST_FIRST & keys),
            "own_team": bool(OWN_TEAM_CARE & self.situations),
            "after_vaginoplasty": "body:vaginoplasty" in keys,
        }

    def pages_to_read(self):
        """Slugs of the library pages these answers make worth reading, in MORE_TO_READ's order."""
        keys = set(self.answer_keys())
        return [*(slug for slug, raised in MORE_TO_READ.items() if keys.intersection(raised)), ALWAYS_WORTH_READING]

    def urgent_groups(self):
        """The warning-sign checkboxes as (group, [checkbox]) for the form."""
        boxes = {box.data["value"]: box for box in self["urgent"]}
        return [(group, [boxes[key] for key in keys]) for group, keys in URGENT_GROUPS]

    def sheet_questions(self, suggestions, per_page=2):
        """The first questions of each suggested page, each asked once: none about dryness unless dryness was
        chosen, none about the exam (templates/conditions/appointment.html always asks that one), and a question two
        pages share only the first time."""
        dry = "feels:dry" in self.answer_keys()
        questions: list[str] = []
        for suggestion in suggestions:
            fitting = [
                q
                for q in suggestion.condition.questions
                if (dry or "dry" not in q.lower()) and not _about_the_exam(q) and q not in questions
            ]
            questions.extend(fitting[:per_page])
        return questions

    def answer_labels(self):
        """The person's answers in words, for the appointment sheet (never the answer about anything unwanted)."""
        rows = []
        for name, field in self.fields.items():
            if name in NOT_ON_THE_SHEET:
                continue
            assert isinstance(field, forms.ChoiceField)  # every question is one (_choose_one, _choose_any)
            labels: dict[str, str] = dict(flatten_choices(field.choices))  # type: ignore[arg-type]  # Django keeps choices as (value, label) pairs; the stubs type them as any input
            value = self.cleaned_data.get(name)
            values = value if isinstance(value, list) else [value] if value else []
            if values:
                rows.append((field.label, [labels[v] for v in values]))
        return rows


@dataclass
class Suggestion:
    condition: object
    reasons: list[str]


def _about_the_exam(question):
    return re.search(r"\bexam\b", question.lower()) is not None


def suggest(answer_keys, conditions):
    """Conditions worth raising, most reasons first; ties keep library order.

    Only answers about what the pain is like give reasons; where it is felt
    leaves out pages about pain felt elsewhere. Pages that cannot apply to the
    body are left out, and pages that are rare for it come last.
    """
    keys = set(answer_keys)
    reasons: dict[str, list[str]] = {}
    for key in answer_keys:
        for slug, reason in SIGNS.get(key, []):
            reasons.setdefault(slug, []).append(reason)
    entrance, deep = "where:entrance" in keys, "where:deep" in keys
    felt_there = {
        c.slug
        for c in conditions
        if (entrance and c.felt_at_entrance) or (deep and c.felt_deep) or not (entrance or deep)
    }
    ruled_out = {slug for key, slugs in CANNOT_APPLY.items() if key in keys for slug in slugs}
    # Low oestrogen (and HRT) only with an answer about hormones, or dryness, its chief sign (never for the young).
    if not HORMONAL & keys and ("feels:dry" not in keys or "age:under_18" in keys):
        ruled_out.add("hormonal-changes")
    rare = {slug for key, slugs in RARE.items() if key in keys for slug in slugs}
    matching = [c for c in conditions if c.slug in reasons and c.slug in felt_there and c.slug not in ruled_out]
    matching.sort(key=lambda c: (c.slug in rare, -len(reasons[c.slug])))
    return [Suggestion(c, reasons[c.slug]) for c in matching]
