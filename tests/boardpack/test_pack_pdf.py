import datetime
import io

from pypdf import PdfReader

from boardpack.services import pack_pdf
from plans.models import Action

from .conftest import IN_QUARTER, pdf_text, squash

END_OF_QUARTER = datetime.date(2022, 6, 30)
# "Now" is an input too: the cover's "data as at" for an open quarter.
NOW = datetime.datetime(2022, 6, 30, 17, tzinfo=datetime.UTC)


def test_the_pack_has_every_section_in_order(pack_plan, period, review_note):
    pdf, _ = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    text = squash(pdf_text(pdf))
    headings = [
        "Contents",
        "Summary",
        "Exceptions: Red and Amber actions",
        "Overdue actions",
        "Completed this quarter",
        "The plan in full",
        "Key to the words used and glossary",
        "Glossary",
    ]
    positions = [text.rindex(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "Testshire Youth Justice Partnership" in text
    assert "Quarter 1 2022/23" in text
    assert "28 July 2022" in text  # meeting date on the cover
    assert "Data as at" in text


def test_the_summary_counts_each_status(pack_plan, period, make_action):
    make_action(status="red", commentary="Second red", recorded_at=IN_QUARTER)
    pdf, context = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    assert context["summary"].by_status == {"red": 2, "amber": 1, "green": 1, "blue": 1, "": 0}
    text = squash(pdf_text(pdf))
    assert "Red 2 Amber 1 Green 1 Blue 1 Not rated 0 Total 5" in text
    assert "Red actions (2)" in text
    assert "Amber actions (1)" in text


def test_a_red_actions_commentary_and_the_chairs_note_are_in_the_exceptions(pack_plan, period, review_note):
    pdf, _ = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    text = squash(pdf_text(pdf))
    exceptions = text[text.rindex("Exceptions: Red and Amber actions") : text.rindex("Overdue actions")]
    assert "Agree the resettlement policy" in exceptions
    assert "Policy still with legal services" in exceptions
    assert "Escalate to the risk register" in exceptions
    # A note written without a period is not this quarter's challenge.
    assert "Add to the risk register" not in exceptions


def test_overdue_and_completed_actions_are_listed(pack_plan, period):
    pdf, _ = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    text = squash(pdf_text(pdf))
    overdue = text[text.rindex("Overdue actions") : text.rindex("Completed this quarter")]
    completed = text[text.rindex("Completed this quarter") : text.rindex("The plan in full")]
    assert "Agree the resettlement policy" in overdue
    assert "Done and dusted" in completed


def test_the_plan_in_full_gives_each_aims_how_will_we_know_and_desired_outcome_above_its_actions(pack_plan, period):
    pdf, _ = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    text = squash(pdf_text(pdf))
    plan = text[text.rindex("The plan in full") :]
    assert (
        "How will we know? FTE figures will reduce Desired outcome Children are diverted from the justice system"
        " Action Owner Target Comments and progress RAG"
    ) in plan


def test_the_rag_key_and_glossary_use_the_plans_words(pack_plan, period):
    pdf, _ = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    text = squash(pdf_text(pdf))
    assert "Delayed, with a plan" in text
    assert "Youth Justice Service" in text


def test_the_pdf_is_tagged_with_title_and_language(pack_plan, period):
    pdf, _ = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "Testshire Service Development Plan: progress report, Quarter 1 2022/23"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    # Headings are real headings in the structure tree.
    structure = root["/StructTreeRoot"].get_object()
    roles = set()
    stack = [structure]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/S" in node:
                roles.add(node["/S"])
            kids = node.get("/K", [])
            stack.extend(kids if isinstance(kids, list) else [kids])
        elif isinstance(node, list):
            stack.extend(node)
    assert {"/H1", "/H2", "/Table", "/TH"} <= roles


def test_every_page_has_a_page_x_of_y_footer(pack_plan, period):
    pdf, _ = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    reader = PdfReader(io.BytesIO(pdf))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()


def test_text_containing_html_or_script_is_printed_as_text(pack_plan, period):
    red = pack_plan["red"]
    red.record_update(
        status="red",
        commentary='<script>alert("x")</script> <b>not bold</b> & <img src="http://example.com/x.png">',
        author_name="Test",
        recorded_at=datetime.datetime(2022, 6, 1, 12, tzinfo=datetime.UTC),
    )
    pdf, _ = pack_pdf(pack_plan["plan"], period, END_OF_QUARTER, NOW)
    text = squash(pdf_text(pdf))
    assert '<script>alert("x")</script>' in text
    assert "<b>not bold</b> &" in text


def test_a_past_quarter_shows_the_status_at_its_end(pack_plan, period):
    """An update recorded after the quarter belongs to the next one."""
    red = Action.objects.get(pk=pack_plan["red"].pk)
    red.record_update(
        status="green",
        commentary="Signed off in July",
        author_name="Test",
        recorded_at=datetime.datetime(2022, 7, 5, 12, tzinfo=datetime.UTC),
    )
    pdf, context = pack_pdf(pack_plan["plan"], period, datetime.date(2022, 7, 20), NOW)
    assert context["summary"].by_status["red"] == 1
    assert "Signed off in July" not in pdf_text(pdf)
