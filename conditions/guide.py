"""The "Where does it hurt?" guide: a plain form and the answer-to-condition map.

Nothing here is stored. The map only says which library pages are worth
raising with a specialist and why; it never names a diagnosis.
"""

from dataclasses import dataclass

from django import forms

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
    ("menopause", "Going through perimenopause or menopause"),
    ("birth", "Had a baby recently, or breastfeeding"),
    ("ovaries", "Had the ovaries removed, or cancer treatment"),
    ("painful_periods", "Very painful periods"),
    ("bladder_back", "Needing to pee urgently, or low back pain"),
    ("infections", "Thrush or other infections that keep coming back"),
    ("stress", "A lot of stress, or often clenching the belly or pelvis"),
]

URGENT_CHOICES = [
    ("bleeding_after_sex", "Bleeding after sex that is not a period"),
    ("bleeding_after_menopause", "Any bleeding after menopause"),
    ("fever", "Fever or chills with pelvic pain"),
    ("discharge", "Unusual, bad-smelling or heavy discharge"),
    ("severe_pain", "Sudden or severe pain in the low belly"),
    ("sores", "Sores, blisters or lumps"),
]

# Answer -> [(condition slug, why it is worth raising)].
SIGNS = {
    "where:entrance": [
        ("vaginismus", "Pain at the entrance is common with vaginismus."),
        ("vulvodynia", "Pain at the entrance is the main sign of provoked vestibulodynia."),
        ("hormonal-changes", "Thin, dry tissue can hurt at the entrance."),
    ],
    "where:deep": [
        ("endometriosis", "Deep pain, inside the pelvis, can fit endometriosis."),
        ("pelvic-floor-dysfunction", "Tight pelvic floor muscles can cause a deep ache."),
    ],
    "feels:burning": [
        ("vulvodynia", "Burning or stinging, like a paper cut, is how many describe vulvodynia."),
        ("hormonal-changes", "Low estrogen can make the vagina feel raw or burning."),
    ],
    "feels:wall": [
        ("vaginismus", "Feeling like you hit a wall is typical of vaginismus."),
    ],
    "feels:dry": [
        ("hormonal-changes", "Dryness and soreness are common when estrogen is low."),
    ],
    "feels:ache": [
        ("endometriosis", "A deep ache or sharp pain inside can fit endometriosis."),
    ],
    "feels:pressure": [
        ("pelvic-floor-dysfunction", "Pressure and muscle ache point to the pelvic floor muscles."),
    ],
    "started:always": [
        ("vaginismus", "Pain from the very first time can fit vaginismus that has always been there."),
    ],
    "happens:any_touch": [
        ("vulvodynia", "Pain from light touch at the entrance fits provoked vestibulodynia."),
        ("vaginismus", "Tampons and fingers can also set off the vaginismus reflex."),
    ],
    "happens:period": [
        ("endometriosis", "Pain that is worse around a period can fit endometriosis."),
    ],
    "happens:after": [
        ("hormonal-changes", "Aching or burning after sex is common when estrogen is low."),
    ],
    "happens:fear": [
        ("vaginismus", "Fear of pain can set off the muscle reflex of vaginismus."),
        ("pelvic-floor-dysfunction", "Worry can make the pelvic floor tense up even more."),
    ],
    "context:menopause": [
        ("hormonal-changes", "Estrogen falls around menopause, which thins the vaginal tissue."),
    ],
    "context:birth": [
        ("hormonal-changes", "Estrogen is low after birth and while breastfeeding."),
        ("pelvic-floor-dysfunction", "Birth can strain or injure the pelvic floor."),
    ],
    "context:ovaries": [
        ("hormonal-changes", "Removing the ovaries lowers estrogen."),
    ],
    "context:painful_periods": [
        ("endometriosis", "Very painful periods are a common sign of endometriosis."),
    ],
    "context:bladder_back": [
        ("pelvic-floor-dysfunction", "Urgent peeing or low back pain can come with tight pelvic floor muscles."),
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
    urgent = _choose_any("Have you noticed any of these?", URGENT_CHOICES)

    def answer_keys(self):
        data = self.cleaned_data
        keys = list(WHERE_KEYS.get(data["where"], []))
        keys.append(f"started:{data['started']}")
        for name in ("feels", "happens", "context"):
            keys.extend(f"{name}:{value}" for value in data[name])
        return keys

    def urgent_signs(self):
        labels = dict(URGENT_CHOICES)
        return [labels[value] for value in self.cleaned_data["urgent"]]

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


def suggest(answer_keys, conditions):
    """Conditions worth raising, most reasons first; ties keep library order."""
    reasons = {}
    for key in answer_keys:
        for slug, reason in SIGNS.get(key, []):
            reasons.setdefault(slug, []).append(reason)
    matching = [c for c in conditions if c.slug in reasons]
    matching.sort(key=lambda c: -len(reasons[c.slug]))  # stable: library order on ties
    return [Suggestion(c, reasons[c.slug]) for c in matching]
