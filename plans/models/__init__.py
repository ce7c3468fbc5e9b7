from .membership import Membership, Role
from .action import Action, ProgressUpdate, StaleUpdate, Stage
from .partnership import Owner, Partnership
from .plan import Aim, GlossaryTerm, Plan, RagStatus, ReportingPeriod, Section
from .review import ReviewNote

__all__ = [
    "Action",
    "Aim",
    "GlossaryTerm",
    "Membership",
    "Owner",
    "Partnership",
    "Plan",
    "ProgressUpdate",
    "RagStatus",
    "ReportingPeriod",
    "ReviewNote",
    "Role",
    "Section",
    "Stage",
    "StaleUpdate",
]
