"""Long text keeps every page within its width (issue 13): a 130-character word and the
longest commentary the forms accept, on the pages owners and the chair use, at 1280 px.

And the wrapping rules break only what must break: ordinary words stay whole."""

import pytest
from playwright.sync_api import expect

from plans import text
from plans.models import Action, Owner, Plan, ReviewNote

WIDTH = 1280
WORD = "Unbroken" + "x" * 122  # 130 characters, as in the issue
SENTENCE = "The panel met and agreed the new resettlement policy; the team will report back next quarter. "

# Every visible word of up to 20 letters, with its line boxes: a word whose boxes sit
# on more than one line was split by the browser.
SPLIT_WORDS = """() => {
  const split = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest(".govuk-visually-hidden, script, style")) continue;
    for (const match of node.data.matchAll(/[A-Za-z]+/g)) {
      if (match[0].length < 2 || match[0].length > 20) continue;  // the long words may break
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) split.push(match[0]);
    }
  }
  return split;
}"""


def longest(limit, word=WORD):
    """Text of exactly ``limit`` characters: sentences, the long word, more sentences, a full stop."""
    filler = SENTENCE * (limit // len(SENTENCE) + 1)
    half = (limit - len(word) - 2) // 2
    return f"{filler[:half].rstrip()} {word} {filler}"[: limit - 1] + "."


@pytest.fixture
def long_action(demo):
    """A2.3 (the demo manager's) with the long word in its description, aim title and an
    owner's name, and the longest accepted commentary and review note."""
    action = Action.objects.get(reference="A2.3")
    action.description = longest(text.DESCRIPTION)
    action.save()
    action.aim.title = f"Reduce {WORD}"[: action.aim._meta.get_field("title").max_length]
    action.aim.save()
    action.owners.add(Owner.objects.create(partnership=action.plan.partnership, name=WORD, kind=Owner.Kind.TEAM))
    action.record_update(status="amber", commentary=longest(text.COMMENTARY), author_name="Sam Manager")
    ReviewNote.objects.create(action=action, outcome=ReviewNote.Outcome.CHALLENGE, note=longest(text.NOTE))
    assert len(action.updates.first().commentary) == text.COMMENTARY
    return action


def check_width(page, url, must_show=WORD[:40]):
    page.goto(url)
    expect(page.locator("main")).to_contain_text(must_show)  # the long text is really on the page
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{url} is {width} px wide at {WIDTH} px"
    assert page.evaluate(SPLIT_WORDS) == [], f"{url} splits ordinary words"


def test_long_words_and_the_longest_commentary_keep_every_page_within_1280_px(
    sign_in, live_server, long_action, page
):
    page.set_viewport_size({"width": WIDTH, "height": 900})
    sign_in("manager")
    for url in (f"/plans/{long_action.plan.slug}/", f"/actions/{long_action.pk}/", "/my-actions/"):
        check_width(page, f"{live_server.url}{url}")

    page.context.clear_cookies()
    sign_in("chair")
    check_width(page, f"{live_server.url}/review/actions/")
    check_width(page, f"{live_server.url}/review/dashboard/", must_show=f"Reduce {WORD[:30]}")


def test_the_demo_plans_pages_break_no_ordinary_word_at_1280_px(sign_in, live_server, page):
    """The wrapping rules must not squeeze short columns (dates, names) a letter a line."""
    page.set_viewport_size({"width": WIDTH, "height": 900})
    sign_in("chair")
    for url in ("/review/actions/", "/review/dashboard/", f"/plans/{Plan.objects.get().slug}/"):
        page.goto(f"{live_server.url}{url}")
        assert page.evaluate(SPLIT_WORDS) == [], f"{url} splits ordinary words"


def test_the_character_count_counts_down_and_the_form_keeps_over_long_text(sign_in, live_server, long_action, page):
    page.set_viewport_size({"width": WIDTH, "height": 900})
    sign_in("manager")
    updates = long_action.updates.count()
    page.goto(f"{live_server.url}/actions/{long_action.pk}/update/")
    box = page.get_by_label("Progress commentary")
    box.fill("x" * 10)
    expect(page.locator(".govuk-character-count__status").first).to_have_text(
        f"You have {text.COMMENTARY - 10:,} characters remaining"
    )
    box.fill("x" * (text.COMMENTARY + 5))
    expect(page.locator(".govuk-character-count__status").first).to_have_text("You have 5 characters too many")
    page.get_by_label("Amber").check()
    page.get_by_role("button", name="Save update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"Progress commentary must be {text.COMMENTARY:,} characters or less"
    )
    expect(box).to_have_value("x" * (text.COMMENTARY + 5))  # nothing typed is lost
    assert long_action.updates.count() == updates  # and nothing is saved
