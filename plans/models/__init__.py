from .action import Action, ProgressUpdate, ReviewNote, StaleUpdate
from .partnership import Owner, Partnership
from .plan import Aim, GlossaryTerm, Plan, RagStatus, ReportingPeriod, Section

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
