"""The programme's models, by job: content (stages, practices, solo guides), the stage gate, timed runs, and
private records (rows only; their sealing is in programme/private_records.py)."""

from .content import Part, PartKind, Practice, SoloGuide, SoloStep, Stage
from .gate import NotTonight, PairStage, Readiness, go_back, say_ready
from .private import (
    CheckIn,
    Feeling,
    OpenCheckIn,
    OpenFeeling,
    OpenHelp,
    OpenLine,
    OpenResponse,
    OpenSoloLog,
    Response,
    SharedCheckIn,
    SharedHelp,
    SharedLine,
    SoloLog,
)
from .runs import Run, RunQuerySet

__all__ = [
    "CheckIn",
    "Feeling",
    "NotTonight",
    "OpenCheckIn",
    "OpenFeeling",
    "OpenHelp",
    "OpenResponse",
    "OpenLine",
    "OpenSoloLog",
    "PairStage",
    "Part",
    "PartKind",
    "Practice",
    "Readiness",
    "Run",
    "RunQuerySet",
    "Response",
    "SharedCheckIn",
    "SharedHelp",
    "SharedLine",
    "SoloGuide",
    "SoloLog",
    "SoloStep",
    "Stage",
    "go_back",
    "say_ready",
]
