"""The board pack's performance section, rendered to PDF as the pack is."""

import io
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from indicators.pack import pack_context
from plans.models import ReportingPeriod

PACK_CSS = Path(__file__).resolve().parents[2] / "indicators" / "static" / "indicators" / "pack.css"


def pdf_text(context):
    from weasyprint import CSS, HTML

    html = f"<!DOCTYPE html><html lang='en-GB'><body>{render_to_string('indicators/_pack_section.html', context)}</body></html>"
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PACK_CSS))])
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def figure_alt_texts(context):
    """The /Alt of every Figure in the tagged PDF's structure tree."""
    from weasyprint import CSS, HTML

    html = f"<!DOCTYPE html><html lang='en-GB'><body>{render_to_string('indicators/_pack_section.html', context)}</body></html>"
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PACK_CSS))], pdf_variant="pdf/ua-1")
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif hasattr(node, "get"):
            if node.get("/S") == "/Figure" and "/Alt" in node:
                found.append(str(node["/Alt"]))
            if "/K" in node:
                walk(node["/K"])

    walk(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.fixture
def quarter(sefton):
    # Quarter 1 2022/23: the pack that follows the plan's sign-off.
    return ReportingPeriod.objects.get(partnership=sefton.partnership, year=2022, quarter=1)


def test_the_pack_shows_performance_with_tables_and_a_data_as_at_note(sefton, sefton_indicators, quarter):
    text = pdf_text(pack_context(sefton, quarter))
    assert "Performance" in text
    assert "Data as at 30 June 2021" in text  # end of the latest published period (custody rate)
    # Previous and latest figures, the change and whether it is better.
    assert (
        "Reoffending rate 44.8% Apr 2018 - Mar 2019 36.7% Apr 2019 - Mar 2020 −8.1 percentage points Better" in text
    )
    assert "First time entrants (rate per 100,000) 117 per 100,000 Jan - Dec 2019 98 per 100,000" in text
    # Counts of the cohort are context: shown, never called better or worse.
    assert "Offenders in the reoffending cohort 125 Apr 2018 - Mar 2019 90 Apr 2019 - Mar 2020 −35 Down" in text
    assert "Evidences: Aim 2: Reduce rates of reoffending" in text
    assert "Sources: Sefton Youth Justice Plan 2021/22, section 7" in text


def test_every_comparator_is_in_one_table_with_sefton_first(sefton, sefton_indicators, quarter):
    text = pdf_text(pack_context(sefton, quarter))
    assert "Area First time entrants (rate per 100,000), Jan - Dec 2020" in text
    assert "Sefton 98 24 36.7 2.5 82 33 90 0 YOT family average 136 49 – –" in text
    assert "England – – 34.2 –" in text  # a comparator only some indicators have
    assert "Calderdale 316 66 39.4 4.3 183 43 109 2" in text


def test_the_rates_are_charted_and_the_counts_are_left_to_the_tables(sefton, sefton_indicators, quarter):
    context = pack_context(sefton, quarter)
    html = render_to_string("indicators/_pack_section.html", context)
    charted = {s.indicator.slug for s in context["performance"]["charted"]}
    assert charted == {"fte-rate", "reoffending-rate", "reoffences-per-reoffender", "custody-rate"}
    assert html.count("<svg") == 4 and html.count('role="img"') == 4
    assert 'id="chart-custodial-sentences-title"' not in html  # 2 then 0: a count, in the tables only


def test_each_chart_is_drawn_with_its_figures_as_its_alternative_text(sefton, sefton_indicators, quarter):
    context = pack_context(sefton, quarter)
    html = render_to_string("indicators/_pack_section.html", context)
    assert "<h2" in html and html.count("<h2") == 1  # one "Performance" heading; the rest are h3 and h4
    # A PDF takes a figure's alternative text from the SVG's <title>: every figure drawn is in it.
    assert (
        "<title id=\"chart-fte-rate-title\">First time entrants (rate per 100,000): Sefton 117 per 100,000"
        " (Jan - Dec 2019), 98 per 100,000 (Jan - Dec 2020); YOT family average 116 per 100,000 (Jan - Dec 2019),"
        " 136 per 100,000 (Jan - Dec 2020).</title>"
    ) in html
    alt_texts = figure_alt_texts(context)
    assert len(alt_texts) == 4
    assert any(alt.startswith("Reoffending rate: Sefton 44.8% (Apr 2018 - Mar 2019), 36.7%") for alt in alt_texts)


def test_a_pack_for_an_earlier_quarter_leaves_out_figures_published_for_later_periods(sefton, sefton_indicators):
    quarter = ReportingPeriod(partnership=sefton.partnership, year=2020, quarter=3)
    quarter.start, quarter.end = quarter.as_quarter.start, quarter.as_quarter.end
    context = pack_context(sefton, quarter)  # October to December 2020
    names = [s.indicator.slug for s in context["performance"]["summaries"]]
    assert "custodial-sentences" in names
    summary = next(s for s in context["performance"]["summaries"] if s.indicator.slug == "custodial-sentences")
    assert summary.latest_period.label == "Apr 2019 - Mar 2020"  # 2020/21 had not ended
    assert context["performance"]["data_as_at"].isoformat() == "2020-12-31"  # Jan - Dec 2020 FTEs
