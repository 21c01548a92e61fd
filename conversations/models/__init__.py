"""Conversations' models, by job: scripts, ideas (with private marks and match tokens), and Together."""

from .ideas import AnswerCount, Choice, Idea, IdeaCategory, Mark, MatchToken, Side, sides_fit
from .scripts import Readers, Script, ScriptQuerySet, Speaker, Step
from .together import TogetherPresence, TogetherSession, TogetherSessionQuerySet

__all__ = [
    "AnswerCount",
    "Choice",
    "Idea",
    "IdeaCategory",
    "Mark",
    "MatchToken",
    "Readers",
    "Script",
    "ScriptQuerySet",
    "Side",
    "Speaker",
    "Step",
    "TogetherPresence",
    "TogetherSession",
    "TogetherSessionQuerySet",
    "sides_fit",
]
