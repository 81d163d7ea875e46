"""Words the battlefield-claims reader weighs: verbs with a particle that are fighting, verbs that do
an attack named by a noun, verbs that need an object to be fighting, and the nouns of trade and of
accounts that tell a price's fall or a denied report from a front's.
"""

from __future__ import annotations

# Verbs with a particle that are always fighting, whatever their object.
PHRASAL = {
    ("shoot", "down"),
    ("beat", "back"),
    ("fight", "off"),
    ("fend", "off"),
    ("push", "back"),
    ("drive", "back"),
    ("hold", "off"),
    ("fight", "back"),
}
# Moving on the front: fighting only with a military word near ("units were pulling back"; prices pull back too).
MOVING = {("pull", "back"), ("fall", "back"), ("pull", "out"), ("break", "through")}
# Verbs that do an attack named by a noun: "carried out a massive strike", "suffered heavy losses".
CARRY_OUT = {
    "carry",
    "conduct",
    "launch",
    "stage",
    "mount",
    "deliver",
    "suffer",
    "inflict",
    "record",
    "repel",
    "make",
    "repulse",
    "thwart",
    "foil",
    "sustain",
    "execute",
    "perform",
    "unleash",
}


# Verbs of fighting only with what they act on: "took Avdiivka", "hit a depot".
NEEDS_OBJECT = frozenset(
    {"take", "seize", "capture", "hit", "enter", "control", "gain", "free", "clear", "target", "damage"}
)
# Learning to do something is not doing it: "pilots have learned to fly the jets".
LEARNING = frozenset({"learn", "train", "practise", "practice", "study", "rehearse"})
# What a thing is for: "Our materiel is meant to defend Ukrainian territory", "drones designed to strike refineries".
PURPOSE = frozenset({"mean", "design", "intend", "build", "engineer"})
# Quantities of trade that rise and fall like a front line does not: "freight rates have fallen back".
TRADE_QUANTITIES = {
    "cost",
    "price",
    "rate",
    "premium",
    "value",
    "share",
    "index",
    "output",
    "export",
    "import",
    "revenue",
    "income",
    "profit",
    "sale",
    "market",
    "stock",
    "currency",
    "inflation",
    "growth",
    "demand",
    "production",
    "fee",
    "tariff",
    "yield",
    "spending",
    "level",
    "volume",
    "traffic",
    "freight",
    "rouble",
    "ruble",
    "hryvnia",
    "euro",
    "dollar",
    "bond",
    "earnings",
    "turnover",
    "discount",
    "margin",
}
# What an observer checks a claim against, and the verbs by which it bears one out: "geolocated footage
# showed Russian infantry on the outskirts", "no footage confirming an advance". An observer's reading of
# the evidence is a claim about the front like a side's own report.
EVIDENCE = frozenset({"footage", "video", "image", "imagery", "photo", "photograph", "picture", "evidence"})
SHOWING = frozenset({"show", "confirm", "indicate", "suggest", "support", "corroborate", "depict", "place", "put", "locate"})
