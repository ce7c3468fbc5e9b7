"""What issue 16 found in the board pack: pages spent on nothing, orientation that
changed four times, a key that left words out, no direction of travel in the
exceptions and no "How will we know?" in the plan in full."""

import datetime
import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from boardpack.freeze import close_period
from boardpack.services import pack_pdf
from plans import rag
from plans.models import Action, ReportingPeriod
from plans.models.action import Stage

from .conftest import IN_QUARTER, pdf_text, squash

END_OF_QUARTER = datetime.date(2022, 6, 30)
NOW = datetime.datetime(2022, 6, 30, 17, tzinfo=datetime.UTC)
MM = 72 / 25.4
# pack.css: @page margins, top and bottom
TOP_MARGIN, BOTTOM_MARGIN = 15 * MM, 14 * MM
# Sefton's pack was 24 pages before issue 16 (scripts/bench_board_pack.py).
PAGES_BEFORE = 24


def part_text(text, start, end=None):
    """The text from the last ``start`` (the part itself, not its contents line) to ``end``."""
    begin = text.rindex(start)
    return text[begin : text.index(end, begin) if end else None]


def test_an_empty_part_is_a_sentence_in_the_summary_and_not_a_page(plan, period, make_action):
    make_action(status="amber", commentary="Slipping", recorded_at=IN_QUARTER)
    pdf, context = pack_pdf(plan, period, END_OF_QUARTER, NOW)
    text = squash(pdf_text(pdf))
    summary = part_text(text, "Summary", "Exceptions: Red and Amber actions")
    assert "No actions were completed this quarter." in summary
    assert "No actions are overdue." in summary
    # Neither a page of its own nor a line in the contents.
    assert "Completed this quarter" not in text
    assert "Overdue actions" not in text
    assert [part.title for part in context["contents"]] == [
        "Summary", "Exceptions: Red and Amber actions", "The plan in full", "Key to the words used and glossary",
    ]
    # Cover, summary, exceptions, plan, key: not the nine pages of a page per part.
    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 5


def test_the_key_defines_every_status_direction_and_target_word_the_pack_uses(pack_plan, period):
    Action.objects.filter(pk=pack_plan["red"].pk).update(stage=Stage.IN_PROGRESS)  # printed under the RAG word
    pdf, _ = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    key = part_text(squash(pdf_text(pdf)), "Key to the words used and glossary", "Glossary")
    words = [rag.label(code) for code in [*rag.SEVERITY, ""]]
    words += [direction.label for direction in rag.Direction]
    words += ["Overdue", *Action.Recurrence.labels]
    for word in words:
        assert f"{word} " in key, f"'{word}' is not in the key"
    # The plan's own definition first; the pack's own for what a plan never defines.
    assert "Red No progress" in key
    assert "Not rated No status has been recorded for this action yet." in key
    assert "Overdue An action that is not yet Blue (completed) and whose target month has passed." in key
    assert "In progress Work on the action has begun and is not finished." in key


def test_the_exceptions_show_which_way_each_action_moved_and_from_what(plan, period, make_action):
    slipped = make_action(
        status="green", commentary="On track in March", recorded_at=datetime.datetime(2022, 3, 10, tzinfo=datetime.UTC),
        description="Agree the resettlement policy",
    )
    slipped.record_update(status="red", commentary="Stalled", author_name="Test", recorded_at=IN_QUARTER)
    make_action(status="amber", commentary="New this quarter", recorded_at=IN_QUARTER)
    pdf, _ = pack_pdf(plan, period, END_OF_QUARTER, NOW)
    exceptions = part_text(squash(pdf_text(pdf)), "Exceptions: Red and Amber actions", "The plan in full")
    assert "Direction of travel" in exceptions
    assert "Deteriorated was Green" in exceptions
    assert "New" in exceptions


def test_how_will_we_know_is_in_the_plan_in_full_after_the_quarter_is_closed(pack_plan, period, officer_user):
    close_period(period, officer_user, NOW)
    period.refresh_from_db()
    pdf, context = pack_pdf(pack_plan["plan"], period, datetime.date(2022, 7, 20), NOW)
    assert context["is_frozen"]
    plan = part_text(squash(pdf_text(pdf)), "The plan in full", "Key to the words used")
    assert "How will we know? FTE figures will reduce" in plan


# The Sefton pack, measured from the PDF itself.


def lowest_text(page):
    """The baseline of the lowest text above the footer, in points from the page's bottom."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append(cm[3] * tm[5] + cm[1] * tm[4] + cm[5])

    page.extract_text(visitor_text=visit)
    return min(y for y in found if y > BOTTOM_MARGIN)


@pytest.fixture
def sefton_pack(sefton):
    call_command("load_sefton_indicators", stdout=open("/dev/null", "w"))
    period = ReportingPeriod.objects.get(partnership=sefton.partnership, year=2022, quarter=1)
    pdf, _ = pack_pdf(sefton, period, END_OF_QUARTER, NOW)
    return PdfReader(io.BytesIO(pdf))


def test_the_sefton_pack_is_landscape_throughout_and_shorter_than_before(sefton_pack):
    pages = sefton_pack.pages
    # 19 pages when issue 16 was fixed; issue 17 then added the owner as the plan wrote it.
    assert len(pages) <= PAGES_BEFORE - 3
    assert all(page.mediabox.width > page.mediabox.height for page in pages)


PART_TITLES = (
    "Summary", "Exceptions: Red and Amber actions", "Overdue actions", "Completed this quarter", "Performance",
    "The plan in full", "Key to the words used and glossary",
)


def test_no_page_of_the_sefton_pack_is_more_than_half_empty_except_where_a_part_ends(sefton_pack):
    pages = sefton_pack.pages
    starts_a_part = [page.extract_text().lstrip().startswith(PART_TITLES) for page in pages]
    assert starts_a_part[1] and sum(starts_a_part) >= 3  # the summary and the plan in full at least
    for index, page in enumerate(pages[:-1]):
        if index == 0 or starts_a_part[index + 1]:  # the cover; the last page of a part
            continue
        top = float(page.mediabox.height) - TOP_MARGIN
        used = (top - lowest_text(page)) / (top - BOTTOM_MARGIN)
        assert used >= 0.5, f"page {index + 1} is only {used:.0%} full"
