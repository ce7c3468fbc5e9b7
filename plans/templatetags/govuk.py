"""Template helpers for GOV.UK Frontend markup.

``{% load govuk %}`` gives:

Forms
    ``{% govuk_error_summary form %}``
        Error summary for a bound form (``includes/error_summary.html``).
    ``{% govuk_field form.commentary hint="..." %}``
        One field with label, hint, error message and the right GOV.UK input
        (``includes/field.html``). Optional: ``label``, ``hint`` (default:
        the field's help_text), ``label_class`` (e.g. "govuk-label--m"),
        ``legend_class`` (for radios, checkboxes and day/month/year dates,
        e.g. "govuk-fieldset__legend--m"), ``classes`` (extra input classes,
        e.g. "govuk-input--width-10"), ``is_page_heading``, and for
        radios/checkboxes ``choice_hints``, ``inline``, ``small``.
    ``{% govuk_radios form.status legend="..." choice_hints=hints %}``
        A choice field as GOV.UK radios, or checkboxes for a
        CheckboxSelectMultiple (``includes/radios.html``). Optional: ``hint``,
        ``choice_hints`` (dict by value, or list in order), ``legend_class``
        (default "govuk-fieldset__legend--m"), ``is_page_heading``,
        ``inline``, ``small``.
    ``field|field_type``
        "text", "email", "number", "password", "date", "textarea", "select",
        "checkbox", "checkboxes", "radio", "date_parts", "file", "hidden", ...
    ``field|error_anchor``
        The id the error summary links to (the field's first input).
    ``field|character_count``
        A textarea's max_length: field.html then wraps it in a GOV.UK character count.

Status
    ``{% rag_tag status label %}``
        ``<strong class="govuk-tag app-rag app-rag--red">Red</strong>``;
        "Not rated" when ``status`` is empty (``includes/rag_tag.html``).

Lists
    ``{% govuk_pagination page_obj %}``
        GOV.UK pagination for a Django ``Page``, keeping the other query string
        parameters (``includes/pagination.html``; needs ``request`` in context).

The same templates can be used with ``{% include %}``; the tags just pass their
arguments through.
"""

from django import template
from django.forms import widgets

register = template.Library()


# --- Fields ----------------------------------------------------------------


@register.filter
def field_type(field):
    """A short name for how a bound field is rendered GOV.UK-style."""
    widget = field.field.widget
    if widget.is_hidden:
        return "hidden"
    # CheckboxSelectMultiple subclasses RadioSelect, so test it first.
    if isinstance(widget, widgets.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, widgets.RadioSelect):
        return "radio"
    if isinstance(widget, widgets.CheckboxInput):
        return "checkbox"
    if isinstance(widget, widgets.Select):
        return "select"
    if isinstance(widget, widgets.Textarea):
        return "textarea"
    if isinstance(widget, widgets.MultiWidget):
        # A day/month/year widget, or a field that lays out its own parts
        # (month and year for a target month): the GOV.UK date input pattern.
        return "date_parts" if len(widget.widgets) == 3 or hasattr(field.field, "parts") else "multi"
    if isinstance(widget, widgets.FileInput):
        return "file"
    if isinstance(widget, widgets.DateInput):
        return "date"
    if isinstance(widget, widgets.Input):
        return widget.input_type
    return "other"


def _base_id(field):
    return field.auto_id or field.html_name


@register.filter
def error_anchor(field):
    """The element id an error summary link for this field should target:
    the input itself, the first radio/checkbox, or the first date part."""
    if isinstance(field.field.widget, widgets.MultiWidget):
        return f"{_base_id(field)}_0"  # Django names sub-inputs id_<name>_0, _1, ...
    return field.id_for_label or _base_id(field)


@register.filter
def character_count(field):
    """The limit a GOV.UK character count shows under a textarea: the field's
    max_length (see includes/field.html), or None for unbounded and non-textarea fields."""
    if field_type(field) == "textarea":
        return getattr(field.field, "max_length", None)
    return None


def _describedby(field, hint):
    ids = []
    if character_count(field):
        ids.append(f"{_base_id(field)}-info")  # the count message, first, as GOV.UK orders them
    if hint:
        ids.append(f"{_base_id(field)}-hint")
    if field.errors:
        ids.append(f"{_base_id(field)}-error")
    return " ".join(ids)


_INPUT_CLASSES = {
    # field_type: (class, error modifier)
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
}


@register.filter
def choice_module(field):
    """Return "checkboxes" for a multiple-choice field, otherwise "radios"."""
    return "checkboxes" if field_type(field) == "checkboxes" else "radios"


@register.simple_tag
def govuk_describedby(field, hint=""):
    """Ids of the hint and error message for aria-describedby ('' if none)."""
    return _describedby(field, hint)


@register.simple_tag
def govuk_widget(field, hint="", classes=""):
    """Render the field's own Django widget with GOV.UK classes and an
    aria-describedby naming the hint and error message."""
    kind = field_type(field)
    css, error_css = _INPUT_CLASSES.get(kind, ("govuk-input", "govuk-input--error"))
    css = [css, field.field.widget.attrs.get("class", ""), classes]
    if kind == "date" and "--width-" not in classes:
        css.append("govuk-input--width-10")
    counted = character_count(field)
    if counted:
        css.append("govuk-js-character-count")
    if field.errors:
        css.append(error_css)
    attrs = {"class": " ".join(c for c in css if c)}
    if counted:
        # The count says how many characters are left or too many; a browser's
        # maxlength would cut a paste short without saying so. False drops the attribute.
        attrs["maxlength"] = False
    if describedby := _describedby(field, hint):
        attrs["aria-describedby"] = describedby
    if kind in ("password", "email"):
        attrs["spellcheck"] = "false"
    if kind == "password":
        attrs["autocapitalize"] = "none"
    return field.as_widget(attrs=attrs)


@register.simple_tag
def govuk_choices(field, choice_hints=None):
    """The options of a radio/checkbox field as dicts for includes/radios.html.

    ``choice_hints`` is an optional dict keyed by choice value or a list in
    choice order. Item ids follow GOV.UK: the first is the field id (so the
    error summary link lands on it), then ``<id>-2``, ``<id>-3``, ...
    """
    base_id = _base_id(field)
    items = []
    for index, option in enumerate(field.subwidgets):
        value = option.data["value"]
        if isinstance(choice_hints, dict):
            hint = choice_hints.get(value, choice_hints.get(str(value), ""))
        elif choice_hints and index < len(choice_hints):
            hint = choice_hints[index]
        else:
            hint = ""
        item_id = base_id if index == 0 else f"{base_id}-{index + 1}"
        items.append(
            {
                "id": item_id,
                "value": "" if value is None else value,
                "label": option.choice_label,
                "checked": option.data["selected"],
                "hint": hint,
                "hint_id": f"{item_id}-item-hint",
            }
        )
    return items


@register.simple_tag
def govuk_date_parts(field):
    """The inputs of a date-like MultiWidget field: the field's own ``parts()``
    if it has them, else day, month and year."""
    if hasattr(field.field, "parts"):
        return field.field.parts(field)
    widget = field.field.widget
    context = widget.get_context(field.html_name, field.value(), {"id": field.auto_id})
    parts = []
    for sub, label, width in zip(
        context["widget"]["subwidgets"], ("Day", "Month", "Year"), (2, 2, 4)
    ):
        parts.append(
            {
                "id": sub["attrs"].get("id", sub["name"]),
                "name": sub["name"],
                "value": "" if sub["value"] is None else sub["value"],
                "label": label,
                "width": width,
            }
        )
    return parts


@register.inclusion_tag("includes/field.html")
def govuk_field(
    field,
    label=None,
    hint=None,
    label_class="",
    legend_class="",
    classes="",
    is_page_heading=False,
    choice_hints=None,
    inline=False,
    small=False,
):
    return {
        "field": field,
        "label": label,
        "hint": hint,
        "label_class": label_class,
        "legend_class": legend_class,
        "classes": classes,
        "is_page_heading": is_page_heading,
        "choice_hints": choice_hints,
        "inline": inline,
        "small": small,
    }


@register.inclusion_tag("includes/radios.html")
def govuk_radios(
    field,
    legend=None,
    hint=None,
    choice_hints=None,
    legend_class="govuk-fieldset__legend--m",
    is_page_heading=False,
    inline=False,
    small=False,
):
    return {
        "field": field,
        "legend": legend,
        "hint": hint,
        "choice_hints": choice_hints,
        "legend_class": legend_class,
        "is_page_heading": is_page_heading,
        "inline": inline,
        "small": small,
    }


@register.inclusion_tag("includes/error_summary.html")
def govuk_error_summary(form, title="There is a problem"):
    return {"form": form, "summary_title": title}


# --- Status ----------------------------------------------------------------


@register.inclusion_tag("includes/rag_tag.html")
def rag_tag(status, label=""):
    return {"status": status, "label": label}


# --- Pagination ------------------------------------------------------------


@register.simple_tag
def govuk_page_items(page_obj, on_each_side=1, on_ends=1):
    """Page numbers around the current page, with gaps, for pagination:
    a list of {"number", "current"} dicts and {"ellipsis": True} markers."""
    paginator = page_obj.paginator
    items = []
    for number in paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    ):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "current": number == page_obj.number})
    return items


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def govuk_pagination(context, page_obj, label="Pagination"):
    # The template's {% querystring %} reads context.request, which Django
    # carries over into an inclusion tag's context.
    return {"page_obj": page_obj, "pagination_label": label}
