from django import template
from django.utils.html import format_html

from plans import rag

register = template.Library()


@register.simple_tag
def rag_word(code, labels=None):
    """A status as its word (the plan's own, when given) beside a colour swatch:
    the colour is never the only signal, and the word survives printing in grey."""
    word = (labels or {}).get(code) or rag.label(code)
    return format_html(
        '<span class="bp-rag bp-rag--{}">{}</span>',
        code or "none",
        word,
    )


# A board reads a page or two per action at most: a commentary at the service's
# limit (plans/text.py, 3,000 characters) on every action would otherwise make a
# pack of 200 pages that takes half a minute to draw. The exceptions print up to
# EXCEPTION_TEXT characters of each commentary, the plan in full PLAN_TEXT; the
# rest is on the action's page, and the pack says so.
EXCEPTION_TEXT = 1_200
PLAN_TEXT = 500


def shortened(value, limit):
    """``value`` cut at the last whole word within ``limit`` characters, saying so."""
    value = value or ""
    if len(value) <= limit:
        return value
    head = value[:limit]
    cut = head.rsplit(None, 1)[0] if any(ch.isspace() for ch in head) else head
    return (f"{cut.rstrip(' ,;:.')}… (shortened for the pack: the whole update, {len(value):,} characters, "
            "is on the action's page)")


@register.filter
def exception_text(value):
    return shortened(value, EXCEPTION_TEXT)


@register.filter
def plan_text(value):
    return shortened(value, PLAN_TEXT)
