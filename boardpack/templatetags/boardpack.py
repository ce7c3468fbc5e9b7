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
