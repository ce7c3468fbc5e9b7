"""Every page a person uses fits a 390 px phone without scrolling the page sideways
(issue 16: Plans was 559 px wide, My actions 560, Dashboard 528, Review 856,
Indicators 695): wide tables scroll inside their own focusable region and charts
shrink. And on a laptop the review list gives the action column room to read."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from plans.models import Action

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
SCROLL_WIDTH = "document.documentElement.scrollWidth"


@pytest.fixture
def indicators(demo):
    call_command("load_sefton_indicators", stdout=StringIO())


def pages_to_visit():
    """{what: path} for the pages people use, as the plan officer (who can open all of them)."""
    action = Action.objects.get(reference="A2.3")
    partnership = action.plan.partnership.slug
    return {
        "plans list": reverse("home"),
        "plan page": action.plan.get_absolute_url(),
        "My actions": reverse("my_actions"),
        "action page": action.get_absolute_url(),
        "update form": reverse("action_update", args=[action.pk]),
        "review list": reverse("review:action_list"),
        "review list, every action": reverse("review:action_list") + "?plan=",
        "dashboard": reverse("review:dashboard"),
        "review note form": reverse("review:add_note", args=[action.pk]),
        "board packs": reverse("boardpack:index"),
        "indicators": reverse("indicators:partnership", args=[partnership]),
        "an indicator": reverse("indicators:indicator", args=[partnership, "reoffending-rate"]),
        "alerts": reverse("alerts:sent"),
        "spreadsheets": reverse("transfer:index"),
    }


def test_every_page_a_person_uses_fits_a_390_px_phone(page, live_server, sign_in, indicators, assert_accessible):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{reverse('login')}")
    widths = {"sign-in": page.evaluate(SCROLL_WIDTH)}
    sign_in("officer")

    for name, path in pages_to_visit().items():
        response = page.goto(live_server.url + path)
        assert response.ok, f"{name}: {response.status}"
        widths[name] = page.evaluate(SCROLL_WIDTH)
        if name in ("review list", "dashboard"):
            assert_accessible(page)  # scroll regions must be keyboard accessible

    assert len(widths) == 15
    assert {name: width for name, width in widths.items() if width > PHONE["width"]} == {}


def test_a_wide_table_scrolls_in_a_region_the_keyboard_can_reach(page, live_server, sign_in):
    page.set_viewport_size(PHONE)
    sign_in("chair")
    page.goto(f"{live_server.url}{reverse('review:action_list')}?plan=")

    region = page.get_by_role("region", name="Actions matching the filters")
    sizes = region.evaluate("el => [el.scrollWidth, el.clientWidth]")
    region.focus()
    page.keyboard.press("ArrowRight")

    assert sizes[0] > sizes[1]  # the table is wider than the screen, so the region scrolls
    # The browser may scroll smoothly: wait for the arrow key's scroll to land.
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=5000)


def test_the_review_lists_action_column_is_at_least_300_px_wide_on_a_laptop(
    page, live_server, sign_in, assert_accessible
):
    page.set_viewport_size(LAPTOP)
    sign_in("chair")
    page.goto(f"{live_server.url}{reverse('review:action_list')}?plan=")

    width = page.locator("th.app-review-table__description").bounding_box()["width"]

    assert width >= 300
    assert page.evaluate(SCROLL_WIDTH) <= LAPTOP["width"]
    assert_accessible(page)
    page.goto(f"{live_server.url}{reverse('review:dashboard')}")
    assert_accessible(page)
