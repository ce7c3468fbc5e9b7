from .action import Action, ProgressUpdate, StaleUpdate
from .partnership import Owner, Partnership
from .plan import Aim, GlossaryTerm, Plan, RagStatus, ReportingPeriod, Section
from .review import ReviewNote

__all__ = [
    "Action",
    "Aim",
    "GlossaryTerm",
    "Owner",
    "Partnership",
    "Plan",
    "ProgressUpdate",
    "RagStatus",
    "ReportingPeriod",
    "ReviewNote",
    "Section",
    "StaleUpdate",
]
