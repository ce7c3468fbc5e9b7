"""Rendering digests as email: plain text and HTML from the same context."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse


def absolute(path):
    return getattr(settings, "ALERT_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def action_url(action):
    # The action page belongs to another feature; fall back to the plan page.
    try:
        return absolute(action.get_absolute_url())
    except NoReverseMatch:
        return absolute(action.plan.get_absolute_url())


def subject_for(digest, partnership_name):
    if digest.chair_summary:
        period = digest.chair_summary.period
        return f"Before the partnership meeting on {period.meeting_date:%-d %B %Y}: {period} summary"
    count = len({item.action.pk for item in digest.items}) + len(digest.arising)
    needs = "action needs" if count == 1 else "actions need"
    return f"{count} {needs} your attention – {partnership_name}"


def chair_sections(summary):
    if summary is None:
        return []
    sections = [
        ("Red actions", summary.red),
        ("Overdue by more than 30 days", summary.long_overdue),
        (f"No update for {summary.period}", summary.missing_updates),
    ]
    return [
        (heading, [{"action": a, "owners": ", ".join(o.name for o in a.owners.all())} for a in actions])
        for heading, actions in sections
    ]


def context_for(digest, today):
    groups = [
        (label, [{"item": item, "action": item.action, "url": action_url(item.action)} for item in items])
        for label, items in digest.grouped()
    ]
    return {
        "digest": digest,
        "recipient": digest.recipient,
        "groups": groups,
        "summary": digest.chair_summary,
        "sections": chair_sections(digest.chair_summary),
        "today": today,
        "alerts_url": absolute(reverse("alerts:sent")),
        "site_url": absolute("/"),
    }


def render_digest(digest, today):
    partnership_name = digest.partnership.name
    template = "alerts/email/chair_summary" if digest.chair_summary else "alerts/email/digest"
    context = context_for(digest, today) | {"partnership_name": partnership_name}
    message = EmailMultiAlternatives(
        subject=subject_for(digest, partnership_name),
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[digest.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
