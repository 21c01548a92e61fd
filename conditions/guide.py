"""The "Where does it hurt?" guide: a plain form and the answer-to-condition map.

Nothing here is stored. The map only says which library pages are worth
raising with a specialist and why; it never names a diagnosis.
"""

from dataclasses import dataclass

from django import forms

from .urgent import WARNING_SIGNS, advice_for

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
    ("after", "Aching or burning goes on after sex"),
    ("fear", "Worry about pain builds up before anything starts"),
]

CONTEXT_CHOICES = [
    ("menopause", "Going through perimenopause or menopause, or periods have stopped"),
    ("birth", "Had a baby in the last year, or breastfeeding"),
    ("ovaries", "Had the ovaries removed, or taking medicine that lowers oestrogen"),
    ("pelvic_treatment", "Had radiotherapy, surgery or cancer treatment in the pelvis"),
    ("painful_periods", "Very painful periods"),
    ("bladder", "Needing to pee urgently or more often"),
    ("back", "Low back pain"),
    ("infections", "Thrush or other infections that keep coming back"),
    ("stress", "A lot of stress, or often clenching the belly or pelvis"),
]

URGENT_CHOICES = [(sign.key, sign.label) for sign in WARNING_SIGNS]

# Answer -> [(condition slug, why it is worth raising)].
SIGNS = {
    "where:entrance": [
        ("vaginismus", "Pain at the entrance is common with vaginismus."),
        ("vulvodynia", "Pain at the entrance is the main sign of provoked vestibulodynia."),
        ("hormonal-changes", "Thin, dry tissue can hurt at the entrance."),
        ("pelvic-floor-dysfunction", "Tight pelvic floor muscles can hurt at the entrance too."),
    ],
    "where:deep": [
        ("endometriosis", "Deep pain, inside the pelvis, can fit endometriosis."),
        ("pelvic-floor-dysfunction", "Tight pelvic floor muscles can cause a deep ache."),
    ],
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
    "happens:after": [
        ("hormonal-changes", "Aching or burning after sex is common when oestrogen is low."),
    ],
    "happens:fear": [
        ("vaginismus", "Fear of pain can make the muscles around the entrance tighten."),
        ("pelvic-floor-dysfunction", "Worry can make the pelvic floor tense up even more."),
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
}

# "Both" counts as entrance and deep.
WHERE_KEYS = {"entrance": ["where:entrance"], "deep": ["where:deep"], "both": ["where:entrance", "where:deep"]}

# Other causes a specialist checks, by where they are usually felt; the answer that raises each one.
OTHER_CAUSES = {
    "entrance": [
        ("Thrush and other infections", "context:infections"),
        ("Sexually transmitted infections, such as herpes", None),
        ("Skin conditions of the vulva, such as lichen sclerosus or eczema", None),
        ("Irritation from soaps, lubricants, condoms or spermicides", None),
        ("Dryness from not enough arousal, some medicines, or breastfeeding", "context:birth"),
        ("A tear or scar from giving birth", "context:birth"),
        ("Scarring or narrowing after surgery or radiotherapy", "context:pelvic_treatment"),
    ],
    "deep": [
        ("A pelvic infection, such as pelvic inflammatory disease (PID)", None),
        ("Ovarian cysts: fluid-filled sacs on an ovary", None),
        ("Fibroids: non-cancerous growths in or around the womb", None),
        ("Prolapse, when the womb, bladder or bowel drops down", "context:birth"),
        ("Bowel conditions, such as irritable bowel syndrome (IBS)", None),
        ("Scarring after surgery or radiotherapy", "context:pelvic_treatment"),
        ("Healing after childbirth", "context:birth"),
        ("Rarely, cancer", None),
    ],
}

# Answers that are themselves a warning sign (checked with the sign's own wording on the result).
DERIVED_SIGNS = {
    "new_deep_pain_after_menopause": lambda keys: "context:menopause" in keys and "where:deep" in keys,
    "bloating_peeing": lambda keys: "context:bladder" in keys,
}


def _choose_any(label, choices):
    return forms.MultipleChoiceField(
        label=label, help_text="Choose any that fit.", choices=choices, widget=forms.CheckboxSelectMultiple, required=False
    )


def _choose_one(label, choices, missing):
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, error_messages={"required": missing})


class WhereDoesItHurtForm(forms.Form):
    where = _choose_one("Where do you feel the pain?", WHERE_CHOICES, "Please choose where you feel it, or pick “I'm not sure”.")
    feels = _choose_any("What does it feel like?", FEELS_CHOICES)
    started = _choose_one("When did it start?", STARTED_CHOICES, "Please choose when it started, or pick “I'm not sure”.")
    happens = _choose_any("When does it happen?", HAPPENS_CHOICES)
    context = _choose_any("What else is going on?", CONTEXT_CHOICES)
    urgent = _choose_any("Have you noticed any of these warning signs?", URGENT_CHOICES)

    def answer_keys(self):
        data = self.cleaned_data
        keys = list(WHERE_KEYS.get(data["where"], []))
        keys.append(f"started:{data['started']}")
        for name in ("feels", "happens", "context"):
            keys.extend(f"{name}:{value}" for value in data[name])
        return keys

    def urgent_advice(self):
        """The warning signs ticked, plus any the other answers amount to; None when there are none."""
        keys = self.answer_keys()
        derived = [sign for sign, applies in DERIVED_SIGNS.items() if applies(keys)]
        return advice_for([*self.cleaned_data["urgent"], *derived])

    def other_causes(self):
        """Other causes a specialist checks, for where it hurts: (heading, [(cause, raised by an answer)])."""
        keys = set(self.answer_keys())
        where = self.cleaned_data["where"]
        groups = {"entrance": ["entrance"], "deep": ["deep"]}.get(where, ["entrance", "deep"])
        headings = {"entrance": "Felt at the entrance", "deep": "Felt deep inside"}
        return [(headings[group], [(cause, key in keys) for cause, key in OTHER_CAUSES[group]]) for group in groups]

    def sheet_questions(self, suggestions, per_page=2):
        """The first questions of each suggested page, leaving out ones about dryness unless dryness was chosen."""
        dry = "feels:dry" in self.answer_keys()
        questions = []
        for suggestion in suggestions:
            fitting = [q for q in suggestion.condition.questions if dry or "dry" not in q.lower()]
            questions.extend(fitting[:per_page])
        return questions

    def answer_labels(self):
        """The person's answers in words, for the appointment sheet."""
        rows = []
        for name, field in self.fields.items():
            labels = dict(field.choices)
            value = self.cleaned_data.get(name)
            values = value if isinstance(value, list) else [value] if value else []
            if values:
                rows.append((field.label, [labels[v] for v in values]))
        return rows


@dataclass
class Suggestion:
    condition: object
    reasons: list[str]


RARE_AFTER_MENOPAUSE = {"endometriosis"}


def suggest(answer_keys, conditions):
    """Conditions worth raising, most reasons first; ties keep library order.

    Conditions not usually felt where the person feels pain are left out, and
    after menopause endometriosis (rare then) comes last.
    """
    reasons = {}
    for key in answer_keys:
        for slug, reason in SIGNS.get(key, []):
            reasons.setdefault(slug, []).append(reason)
    entrance, deep = "where:entrance" in answer_keys, "where:deep" in answer_keys
    felt_there = {
        c.slug for c in conditions if (entrance and c.felt_at_entrance) or (deep and c.felt_deep) or not (entrance or deep)
    }
    after_menopause = "context:menopause" in answer_keys
    matching = [c for c in conditions if c.slug in reasons and c.slug in felt_there]
    matching.sort(key=lambda c: (after_menopause and c.slug in RARE_AFTER_MENOPAUSE, -len(reasons[c.slug])))
    return [Suggestion(c, reasons[c.slug]) for c in matching]
