"""Making the PDF and keeping it.

The PDF is PDF/UA-1 (tagged, with title and language from the HTML), because
the public-sector accessibility regulations cover downloadable documents.
"""

import contextlib
import functools
import gc
import logging

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from plans.models.action import display_name

from .freeze import PeriodAlreadyClosed, close_period  # noqa: F401  (re-exported service)
from .models import BoardPack
from .pack import pack_context

PDF_VARIANT = "pdf/ua-1"
STYLESHEET = "boardpack/pack.css"
# Other apps' sections of the pack bring their own print CSS (issue 9: indicators).
OPTIONAL_STYLESHEETS = ["indicators/pack.css"]

# WeasyPrint logs every CSS property it does not support; the preview uses some.
logging.getLogger("weasyprint").setLevel(logging.ERROR)

# WeasyPrint is imported where a PDF is made, not with this module: the URL
# configuration imports the pack's views, so importing it here cost every process
# (web workers, send_alerts from cron) 0.8 s at start for nothing.


# The pack needs nothing from outside: its CSS is passed in and its chart is inline
# SVG. Allowing only data: URLs means text in the plan can never make the server
# fetch something (user text is escaped anyway; this is the backstop).
# Made once: each URLFetcher builds an SSL context, 20 ms per pack.
@functools.cache
def url_fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


@contextlib.contextmanager
def garbage_collection_paused():
    """A build makes hundreds of thousands of layout objects that all live until
    it ends, so the collector's passes over them find nothing to free: pausing it
    saves a tenth of a second per pack. The objects are freed as usual afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@functools.cache
def stylesheet():
    """Parsed once per process: parsing the CSS is a measurable share of a build."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    found = [finders.find(STYLESHEET)] + [path for path in map(finders.find, OPTIONAL_STYLESHEETS) if path]
    return [CSS(filename=path, font_config=fonts) for path in found], fonts


@functools.cache
def document_stylesheet(path):
    """Another printed document's CSS (minutes, the progress report), parsed once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    return CSS(filename=finders.find(path), font_config=fonts), fonts


def document_pdf(html, stylesheet_path):
    """Any of the service's printed documents as tagged PDF bytes, built as the pack
    is: the same data:-only fetcher, PDF/UA variant and paused collector."""
    from weasyprint import HTML

    sheet, fonts = document_stylesheet(stylesheet_path)
    with garbage_collection_paused():
        document = HTML(string=html, url_fetcher=url_fetcher())
        return document.write_pdf(stylesheets=[sheet], font_config=fonts, pdf_variant=PDF_VARIANT)


def render_html(context):
    return render_to_string("boardpack/pack.html", context)


def render_pdf(html):
    from weasyprint import HTML

    sheets, fonts = stylesheet()
    with garbage_collection_paused():
        document = HTML(string=html, url_fetcher=url_fetcher())
        return document.write_pdf(stylesheets=sheets, font_config=fonts, pdf_variant=PDF_VARIANT)


def pack_pdf(plan, period, today, now=None):
    """(pdf bytes, context) without keeping anything: for the command's --no-keep and the benchmark."""
    context = pack_context(plan, period, today, now)
    return render_pdf(render_html(context)), context


def build_pack(plan, period, today, user, now=None, report=None):
    """Generate the pack and keep it (who, when, checksum, the PDF itself).
    ``report(step)`` is told as each of the three steps (figures, layout, saving)
    starts, for the queue's progress page (boardpack/tasks.py)."""
    report = report or (lambda step: None)
    now = now or timezone.now()
    report(0)
    context = pack_context(plan, period, today, now)
    report(1)
    pdf = render_pdf(render_html(context))
    report(2)
    return BoardPack.objects.create(
        plan=plan,
        period=period,
        created_at=now,
        created_by=user,
        created_by_name=display_name(user) if user else "Command line",
        data_as_at=context["data_as_at"],
        from_frozen_period=context["is_frozen"],
        pdf=pdf,
    )
