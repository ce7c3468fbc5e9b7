import datetime
import re
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import IndicatorValue
from tests.conftest import make_user


@pytest.fixture
def page_url(partnership):
    return reverse("indicators:partnership", args=[partnership.slug])


def section_url(indicator):
    return reverse("indicators:indicator", args=[indicator.partnership.slug, indicator.slug])


def test_signed_out_visitors_are_asked_to_sign_in(client, fte, page_url):
    response = client.get(page_url)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_people_without_a_role_are_refused(client, fte, page_url):
    client.force_login(make_user("nobody"))
    assert client.get(page_url).status_code == 403


def test_the_index_goes_straight_to_the_only_partnership_with_indicators(client, member_user, fte, page_url):
    client.force_login(member_user)
    assert client.get(reverse("indicators:index"))["Location"] == page_url


def test_members_see_the_latest_figure_its_change_and_direction(client, member_user, fte, page_url,
                                                               django_assert_max_num_queries):
    client.force_login(member_user)
    with django_assert_max_num_queries(12):
        response = client.get(section_url(fte))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "98 per 100,000" in html and "Apr 2020 - Mar 2021" in html
    assert "Better</strong> −19 per 100,000 since Apr 2019 - Mar 2020" in html
    assert "Reduce the number of first time entrants" in html  # the aim it evidences
    # The chart is an image with a title, and its figures are also in a table.
    assert 'role="img"' in html and "<title id=\"chart-fte-title\">First time entrants: trend chart</title>" in html
    assert "First time entrants: figures shown in the chart" in html
    assert 'style="' not in html  # strict CSP
    assert "Import figures" not in client.get(page_url).content.decode()  # members read, they do not import


def test_the_nav_offers_indicators_to_anyone_who_can_see_plans(client, owner_user, fte):
    client.force_login(owner_user)
    assert f'href="{reverse("indicators:index")}"' in client.get(reverse("home")).content.decode()


def test_the_page_works_for_the_real_sefton_figures(client, member_user, sefton_indicators,
                                                    django_assert_max_num_queries):
    client.force_login(member_user)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("indicators:partnership", args=["sefton-youth-justice-partnership"])).content.decode()
    assert "36.7%" in html and "−8.1 percentage points" in html
    sections = re.findall(r'href="(/indicators/sefton-youth-justice-partnership/[-\w]+/)"', html)
    assert len(set(sections)) == 9
    for url in set(sections):
        with django_assert_max_num_queries(12):
            section = client.get(url).content.decode()
        assert section.count('role="img"') == 1  # one chart a page, not nine


def test_officers_import_a_file_and_see_what_changed(client, officer_user, fte, page_url, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}  # issue 18's queue
    client.force_login(officer_user)
    upload = SimpleUploadedFile("f.csv", b"Indicator,Period,Area,Value\nfte,2021/22,Testshire,90\n")
    response = client.post(reverse("indicators:import", args=[fte.partnership.slug]), {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0].startswith("/jobs/")  # the progress page, then a link to the figures
    page = response.content.decode()
    assert "Figures imported: 1 added, 0 corrected, 0 unchanged." in page and f'href="{page_url}"' in page


def test_a_bad_file_shows_each_problem_and_saves_nothing(client, officer_user, fte):
    client.force_login(officer_user)
    count = IndicatorValue.objects.count()
    upload = SimpleUploadedFile("f.csv", b"Indicator,Period,Area,Value\nfte,2021/22,Testshire,ninety\n")
    response = client.post(reverse("indicators:import", args=[fte.partnership.slug]), {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "row 2, column Value: &#x27;ninety&#x27; is not a number" in html
    assert "The file has 1 problem listed above. Nothing was imported" in html
    assert IndicatorValue.objects.count() == count


def test_only_plan_officers_can_import(client, member_user, fte):
    client.force_login(member_user)
    assert client.get(reverse("indicators:import", args=[fte.partnership.slug])).status_code == 403


# --- Sections with a contents list; old figures say so (issue 16) -----------------


@pytest.fixture
def reoffending(partnership, areas, years):
    """A second indicator, whose newest figure (Apr 2019 - Mar 2020) is older than fte's."""
    from indicators.models import Better, Indicator

    indicator = Indicator.objects.create(
        partnership=partnership, name="Reoffending rate", slug="reoffending", definition="Proportion who reoffend.",
        unit=Indicator.Unit.PERCENTAGE, better=Better.LOWER, decimal_places=1, order=2,
    )
    IndicatorValue.objects.create(indicator=indicator, period=years[1], area=areas["own"], value=36.7)
    return indicator


def test_the_overview_has_a_contents_list_linking_to_each_indicators_section(
    client, member_user, fte, reoffending, page_url
):
    client.force_login(member_user)

    html = client.get(page_url).content.decode()

    contents = html[html.index('<nav class="app-contents-list" aria-label="Contents">'):]
    contents = contents[: contents.index("</nav>")]
    assert '<span class="app-contents-list__current" aria-current="page">Overview: latest figures</span>' in contents
    assert f'<a class="govuk-link" href="{section_url(fte)}">First time entrants</a>' in contents
    assert f'<a class="govuk-link" href="{section_url(reoffending)}">Reoffending rate</a>' in contents
    assert 'role="img"' not in html  # the charts are in the sections


def test_a_section_shows_one_indicator_marks_it_in_the_contents_and_links_to_its_neighbours(
    client, member_user, fte, reoffending, page_url
):
    client.force_login(member_user)

    response = client.get(section_url(fte))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1 and '<h2 class="govuk-heading-l" id="fte-heading">First time entrants</h2>' in html
    assert '<span class="app-contents-list__current" aria-current="page">First time entrants</span>' in html
    assert f'<a class="govuk-link" href="{page_url}">Overview: latest figures</a>' in html
    assert f'href="{section_url(reoffending)}" rel="next"' in html
    assert "Proportion who reoffend." not in html  # only this indicator


def test_an_unknown_section_is_not_found(client, member_user, fte, page_url):
    client.force_login(member_user)

    assert client.get(page_url + "no-such-indicator/").status_code == 404


@pytest.mark.parametrize(
    "today, warned",
    [(datetime.date(2022, 3, 31), False), (datetime.date(2022, 4, 1), True)],
    ids=["a year after the figures", "more than a year after"],
)
def test_figures_more_than_a_year_old_carry_a_warning(client, member_user, fte, page_url, today, warned):
    client.force_login(member_user)

    with mock.patch("django.utils.timezone.localdate", return_value=today):
        html = client.get(page_url).content.decode()

    # fte's newest figure is for Apr 2020 - Mar 2021.
    assert ('<div class="govuk-warning-text">' in html) is warned
    assert ("Latest data: 2020–21." in html) is warned


def test_each_section_warns_about_its_own_figures(client, member_user, fte, reoffending):
    client.force_login(member_user)

    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2021, 6, 1)):
        newer = client.get(section_url(fte)).content.decode()
        older = client.get(section_url(reoffending)).content.decode()

    assert "Latest data" not in newer
    assert "Latest data: 2019–20." in older
