"""Rendering digests as email: plain text and HTML from the same context."""

import functools

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import truncatewords
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_urlconf, reverse

from plans.text import strip_control_characters


def absolute(path):
    return getattr(settings, "ALERT_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


STAND_IN = 2147483647  # an id in a reversed URL, replaced by each action's own


@functools.lru_cache(maxsize=16)
def _reversed_with_stand_in(name, urlconf, site_url):
    """A page's full URL with STAND_IN for the id: reversed once per run, not once
    per action (a first run of the day links thousands of actions; issue 18)."""
    try:
        return site_url.rstrip("/") + reverse(name, args=[STAND_IN], urlconf=urlconf)
    except NoReverseMatch:
        return None


def action_urls():
    """action -> the full URL of its page, with the URL pattern looked up once
    for a digest's lines rather than once per line."""
    pattern = _reversed_with_stand_in("action_detail", get_urlconf(), absolute(""))
    if pattern is None:  # the action page belongs to another feature; fall back to the plan page
        return lambda action: absolute(action.plan.get_absolute_url())
    stand_in = str(STAND_IN)
    return lambda action: pattern.replace(stand_in, str(action.pk))


def action_url(action):
    return action_urls()(action)


def header_safe(text):
    """One line for an email header. Subjects are built from names people type
    (a partnership, a plan, an owner); a line break in one, even a crafted one,
    would make the mail library refuse the whole message (it guards against
    header injection). Every run of whitespace, line breaks included, becomes
    one space, and other control characters are dropped."""
    return strip_control_characters(" ".join(str(text).split()))


def subject_for(digest, partnership_name):
    if digest.chair_summary:
        period = digest.chair_summary.period
        subject = f"Before the partnership meeting on {period.meeting_date:%-d %B %Y}: {period} summary"
    else:
        count = len({item.action.pk for item in digest.items}) + len(digest.arising)
        needs = "action needs" if count == 1 else "actions need"
        subject = f"{count} {needs} your attention – {partnership_name}"
    return header_safe(subject)


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


def action_line(action, url_of=action_url):
    """What a digest says about an action, as plain values worked out once for
    both the text and the HTML email, with the filters the templates used to
    apply (truncatewords:25, date:"F Y"): each template then only looks keys up
    in a dict, where it followed model attributes and ran the filters twice per
    line (13,000 lines on a busy first run; issue 18). HTML escaping is still
    the template's: these are not marked safe."""
    revised = action.revised_target_month
    return {
        "reference": action.reference,
        "description": truncatewords(action.description, 25),
        "target": action.target_display,
        "revised": date_filter(revised, "F Y") if revised else "",
        "status": action.status_label,
        "url": url_of(action),
    }


def context_for(digest, today):
    lines, url_of = {}, action_urls()
    groups = []
    for label, items in digest.grouped():
        group = []
        for item in items:
            if item.action.pk not in lines:
                lines[item.action.pk] = action_line(item.action, url_of)
            group.append({"action": lines[item.action.pk], "on_behalf_of": item.on_behalf_of})
        groups.append((label, group))
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
