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


@pytest.fixture
def quarter(sefton):
    # Quarter 1 2022/23: the pack that follows the plan's sign-off.
    return ReportingPeriod.objects.get(partnership=sefton.partnership, year=2022, quarter=1)


def test_the_pack_shows_performance_with_tables_and_a_data_as_at_note(sefton, sefton_indicators, quarter):
    text = pdf_text(pack_context(sefton, quarter))
    assert "Performance" in text
    assert "Data as at 30 June 2021" in text  # end of the latest published period (custody rate)
    assert "Reoffending rate" in text and "36.7%" in text and "44.8%" in text
    assert "Better −8.1 percentage points since Apr 2018 - Mar 2019" in text
    assert "First time entrants (rate per 100,000)" in text and "98 per 100,000" in text
    # The family average rose (worse) and Sefton is better than it.
    assert "YOT family average 136 116 +20 (worse) Better" in text
    # Counts of the cohort are context: shown, never called better or worse.
    assert "Offenders in the reoffending cohort" in text
    assert "Evidences Aim 2: Reduce rates of reoffending" in text
    assert "Sources: Sefton Youth Justice Plan 2021/22, section 7" in text


def test_each_chart_is_drawn_in_the_pdf_with_its_figures_in_a_table(sefton, sefton_indicators, quarter):
    context = pack_context(sefton, quarter)
    html = render_to_string("indicators/_pack_section.html", context)
    assert html.count("<svg") == 9 and html.count('role="img"') == 9
    assert html.count("figures shown in the chart") == 9
    assert "<h2" in html and html.count("<h2") == 1  # one "Performance" heading; indicators are h3
    text = pdf_text(context)
    assert "Jan - Dec 2019 117 116" in text  # chart data table row: Sefton, family average


def test_a_pack_for_an_earlier_quarter_leaves_out_figures_published_for_later_periods(sefton, sefton_indicators):
    quarter = ReportingPeriod(partnership=sefton.partnership, year=2020, quarter=3)
    quarter.start, quarter.end = quarter.as_quarter.start, quarter.as_quarter.end
    context = pack_context(sefton, quarter)  # October to December 2020
    names = [s.indicator.slug for s in context["performance"]["summaries"]]
    assert "custodial-sentences" in names
    summary = next(s for s in context["performance"]["summaries"] if s.indicator.slug == "custodial-sentences")
    assert summary.latest_period.label == "Apr 2019 - Mar 2020"  # 2020/21 had not ended
    assert context["performance"]["data_as_at"].isoformat() == "2020-12-31"  # Jan - Dec 2020 FTEs
