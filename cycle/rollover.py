"""Starting the next plan from one that has ended, in one transaction.

``start_next_plan`` creates the plan (its RAG key and glossary copied; its
sections copied from the old plan or started from the YJB's headings), then
carries out the plan officer's decision for every unfinished action of the old
plan: carry it forward, close it as completed, or drop it with a reason. If any
part fails, nothing is saved: a half-started plan would be worse than none.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from plans import rag
from plans.models import Action, Aim, GlossaryTerm, Plan, RagStatus, Section
from plans.models.action import local_midnight
from plans.periods import Quarter
from plans.reporting import ensure_periods

from . import rules
from .headings import YJB_HEADINGS
from .models import CarryForward, Succession

COPY_SECTIONS = "copy"
YJB_TEMPLATE = "yjb"
# simple-history keeps a change reason in 100 characters.
REASON_LENGTH = 100


class RolloverRefused(Exception):
    """The old plan already has a successor, or its unfinished actions changed
    since the form was opened; the message says which, for the page."""


@dataclass
class NextPlanDetails:
    title: str
    published: str
    year: int  # the financial year the new plan covers starts in April of this year
    sections: str  # COPY_SECTIONS or YJB_TEMPLATE

    @property
    def period(self):
        return rules.financial_year(self.year)


def unfinished_actions(plan):
    """The actions the officer decides on: every one not Blue (completed)."""
    return (
        Action.objects.filter(plan=plan)
        .exclude(status=rag.Status.BLUE)
        .select_related("aim__section")
        .prefetch_related("owners")
        .order_by("aim__section__order", "aim__order", "order", "pk")
    )


def baseline_moment(plan):
    """The last moment before the plan begins: where its starting position sits."""
    return local_midnight(plan.period_start) - datetime.timedelta(seconds=1)


def unique_slug(title):
    base = slugify(title)[:90] or "plan"
    slug, n = base, 1
    while Plan.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _save_with_reason(obj, reason, user):
    obj._change_reason = reason[:REASON_LENGTH]
    obj._history_user = user
    obj.save()


class _Copier:
    """Copies the old plan's structure into the new plan, aims on demand."""

    def __init__(self, old_plan, new_plan, sections):
        self.old_plan, self.new_plan = old_plan, new_plan
        self.sections = {}
        self.aims = {}
        if sections == YJB_TEMPLATE:
            for order, title in enumerate(YJB_HEADINGS, start=1):
                self.sections[title] = Section.objects.create(plan=new_plan, title=title, order=order)
            self.section_offset = len(YJB_HEADINGS)
        else:
            self.section_offset = 0
            for aim in Aim.objects.filter(section__plan=old_plan).select_related("section"):
                self.aim(aim)

    def section(self, old):
        if old.title not in self.sections:
            self.sections[old.title] = Section.objects.create(
                plan=self.new_plan, title=old.title, aim_label=old.aim_label, order=self.section_offset + old.order
            )
        return self.sections[old.title]

    def aim(self, old):
        """The new plan's copy of ``old`` (made the first time it is asked for)."""
        if old.pk not in self.aims:
            self.aims[old.pk] = Aim.objects.create(
                section=self.section(old.section),
                number=old.number,
                title=old.title,
                how_will_we_know=old.how_will_we_know,
                desired_outcome=old.desired_outcome,
                order=old.order,
            )
        return self.aims[old.pk]


def _create_plan(old_plan, details):
    start, end = details.period
    new_plan = Plan.objects.create(
        partnership=old_plan.partnership,
        title=details.title,
        slug=unique_slug(details.title),
        published=details.published,
        period_start=start,
        period_end=end,
        status=Plan.State.ACTIVE,
    )
    RagStatus.objects.bulk_create(
        RagStatus(plan=new_plan, code=r.code, label=r.label, description=r.description) for r in old_plan.rag_key.all()
    )
    GlossaryTerm.objects.bulk_create(
        GlossaryTerm(plan=new_plan, term=g.term, definition=g.definition) for g in old_plan.glossary.all()
    )
    return new_plan


def _carry(old, old_plan, new_plan, copier, user, now):
    """The new action: same reference, description, owners, target and status,
    its aim copied. Its first progress update records the carry-forward with the
    status it had, dated just before the new plan begins (or now, if earlier), so
    the new plan's first quarter opens on that status rather than "Not rated"."""
    new = Action(
        aim=copier.aim(old.aim),
        reference=old.reference,
        description=old.description,
        target_month=old.target_month,
        recurrence=old.recurrence,
        target_text=old.target_text,
        revised_target_month=old.revised_target_month,
        revised_target_reason=old.revised_target_reason,
        order=old.order,
        created_at=min(now, baseline_moment(new_plan)),
    )
    _save_with_reason(new, f"Carried forward from {old_plan.title}", user)
    new.owners.set(old.owners.all())
    recorded_at = min(now, baseline_moment(new_plan))
    dated = "" if recorded_at == now else (
        f" Recorded on {timezone.localdate(now):%-d %B %Y} when this plan was started; dated to the plan's start"
        " as its starting position."
    )
    new.record_update(
        status=old.status,
        commentary=(
            f"Carried forward from action {old.reference} of the {old_plan.title}, with the status it had then"
            f" ({rag.label(old.status)}).{dated}"
        ),
        author=user,
        recorded_at=recorded_at,
    )
    _save_with_reason(old, f"Carried forward to {new_plan.title}", user)
    return new


def _close(old, new_plan, note, user, now):
    commentary = f"Closed as completed when the {new_plan.title} was started."
    if note:
        commentary = f"{commentary} {note}"
    old.record_update(status=rag.Status.BLUE, commentary=commentary, author=user, recorded_at=now)
    _save_with_reason(old, "Closed as completed when the next plan was started", user)


def start_next_plan(old_plan, details, decisions, *, user, today, now=None):
    """Create the next plan and apply ``decisions`` ({action pk: (decision, reason)},
    one for every unfinished action). Returns the Succession. Raises
    RolloverRefused, saving nothing, if the plan already has a successor or the
    unfinished actions are not exactly those decided on."""
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the old plan's row: two officers pressing at once start one plan.
        old_plan = Plan.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=old_plan.pk)
        if Succession.objects.filter(previous_plan=old_plan).exists():
            raise RolloverRefused("The next plan has already been started from this plan.")
        actions = list(unfinished_actions(old_plan).select_for_update(of=("self",)))
        if {action.pk for action in actions} != set(decisions):
            raise RolloverRefused(
                "The plan's unfinished actions changed while you were choosing. Check the list and choose again."
            )
        new_plan = _create_plan(old_plan, details)
        copier = _Copier(old_plan, new_plan, details.sections)
        succession = Succession.objects.create(
            previous_plan=old_plan, next_plan=new_plan, created_by=user, created_at=now
        )
        records = []
        for old in actions:
            decision, reason = decisions[old.pk]
            new_action = None
            if decision == CarryForward.Decision.CARRIED:
                new_action = _carry(old, old_plan, new_plan, copier, user, now)
                reason = ""
            elif decision == CarryForward.Decision.CLOSED:
                _close(old, new_plan, reason, user, now)
            else:
                _save_with_reason(old, f"Dropped when the next plan was started: {reason}", user)
            records.append(
                CarryForward(succession=succession, action=old, decision=decision, reason=reason, new_action=new_action)
            )
        for record in records:
            record.full_clean(exclude=["succession", "action", "new_action"])
        CarryForward.objects.bulk_create(records)
        start, end = details.period
        if today >= start:
            ensure_periods(old_plan.partnership, Quarter.containing(start), Quarter.containing(min(today, end)))
    return succession
