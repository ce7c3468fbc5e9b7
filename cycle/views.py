"""Starting the next plan (plan officer only) and the progress report on the
previous plan (everyone who reads plans).

Starting takes two pages: the new plan's details, kept in the session until the
second page, then a decision for each unfinished action; only the second page's
submission saves anything, all in one transaction (cycle.rollover).

A plan is found by slug among the person's own partnerships' plans (another's
is a 404); starting the next plan needs the plan officer of the plan's own
partnership (an officer elsewhere who is a member here gets 403).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from plans import permissions
from plans.models import Plan
from plans.views.helpers import role_required, viewer_required

from . import rules
from .forms import PRESETS, NextPlanForm, decision_forms
from .headings import GUIDANCE_TITLE, GUIDANCE_URL, YJB_HEADINGS
from .models import CarryForward, Succession
from .report import report_context, report_pdf
from .rollover import RolloverRefused, start_next_plan, unfinished_actions

officer_required = role_required(permissions.is_plan_officer)


def session_key(plan):
    return f"cycle:next-plan:{plan.pk}"


def get_plan(request, slug):
    """The plan, if it is one of the person's partnerships' plans (else 404)."""
    return get_object_or_404(request.scope.of(Plan).select_related("partnership"), slug=slug)


def officer_plan(request, slug):
    """The plan, if the person is the plan officer of its partnership (else 403)."""
    plan = get_plan(request, slug)
    if not permissions.is_plan_officer(request.user, plan.partnership_id):
        raise PermissionDenied
    return plan


def posted(request):
    return request.POST if request.method == "POST" else None


def refuse_if_not_ready(request, plan, today):
    """A redirect (with a message) when the next plan cannot be started from
    ``plan`` now: it already has one, or it is not yet in its final quarter."""
    if rules.has_successor(plan):
        messages.info(request, f"The next plan has already been started from the {plan.title}.")
        return redirect("cycle:started", plan.slug)
    if not rules.in_final_quarter(plan, today):
        messages.info(
            request,
            f"The next plan can be started from the plan's final quarter, which begins on"
            f" {rules.final_quarter_start(plan):%-d %B %Y}.",
        )
        return redirect(plan)
    return None


@officer_required
def start(request, slug):
    """Step 1: the new plan's title, year, publication and sections."""
    today = timezone.localdate()
    plan = officer_plan(request, slug)
    if refusal := refuse_if_not_ready(request, plan, today):
        return refusal
    saved = request.session.get(session_key(plan))
    form = NextPlanForm(posted(request), plan=plan, today=today, initial=saved or NextPlanForm.initial_for(plan))
    if request.method == "POST" and form.is_valid():
        request.session[session_key(plan)] = {
            name: form.cleaned_data[name] for name in ("title", "published", "year", "sections")
        }
        return redirect("cycle:carry_forward", plan.slug)
    context = {
        "plan": plan,
        "form": form,
        "today": today,
        "guidance_title": GUIDANCE_TITLE,
        "guidance_url": GUIDANCE_URL,
        "yjb_headings": YJB_HEADINGS,
    }
    return render(request, "cycle/start.html", context)


@officer_required
def carry_forward(request, slug):
    """Step 2: carry forward, close or drop each unfinished action; then save everything."""
    today = timezone.localdate()
    plan = officer_plan(request, slug)
    if refusal := refuse_if_not_ready(request, plan, today):
        return refusal
    details_form = NextPlanForm(request.session.get(session_key(plan)), plan=plan, today=today)
    if not details_form.is_bound or not details_form.is_valid():
        return redirect("cycle:start", plan.slug)
    details = details_form.details()
    actions = list(unfinished_actions(plan))
    preset = request.GET.get("preset")
    forms = decision_forms(actions, posted(request), preset if preset in PRESETS else None)
    refused = ""
    if request.method == "POST" and all(form.is_valid() for form in forms):
        decisions = {form.action.pk: form.choice() for form in forms}
        try:
            start_next_plan(plan, details, decisions, user=request.user, today=today)
        except RolloverRefused as exc:
            refused = str(exc)
        else:
            request.session.pop(session_key(plan), None)
            return redirect("cycle:started", plan.slug)
    errors = [(form, form[name]) for form in forms for name in ("decision", "reason") if form[name].errors]
    start, end = details.period
    context = {
        "plan": plan,
        "details": details,
        "new_start": start,
        "new_end": end,
        "forms": forms,
        "errors": errors,
        "refused": refused,
        "presets": PRESETS,
        "sections_label": dict(details_form.fields["sections"].choices)[details.sections],
    }
    return render(request, "cycle/carry_forward.html", context, status=409 if refused else 200)


@officer_required
def started(request, slug):
    """The confirmation: what was started, and what became of each action."""
    plan = officer_plan(request, slug)
    succession = get_object_or_404(
        Succession.objects.select_related("next_plan", "created_by"), previous_plan=plan
    )
    decisions = list(succession.decisions.select_related("action", "new_action"))
    counts = [
        (choice.label, label, sum(d.decision == choice for d in decisions))
        for choice, label in [
            (CarryForward.Decision.CARRIED, "carried forward"),
            (CarryForward.Decision.CLOSED, "closed as completed"),
            (CarryForward.Decision.DROPPED, "dropped"),
        ]
    ]
    context = {"plan": plan, "succession": succession, "next_plan": succession.next_plan, "counts": counts}
    return render(request, "cycle/started.html", context)


@viewer_required
def progress_report(request, slug):
    plan = get_plan(request, slug)
    context = report_context(plan, timezone.localdate())
    context["pdf_url"] = reverse("cycle:progress_report_pdf", args=[plan.slug])
    return render(request, "cycle/report.html", context)


@viewer_required
def progress_report_pdf(request, slug):
    plan = get_plan(request, slug)
    response = HttpResponse(report_pdf(plan, timezone.localdate()), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{plan.slug}-progress-on-the-plan.pdf"'
    return response
