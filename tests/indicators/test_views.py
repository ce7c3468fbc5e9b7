import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import IndicatorValue
from tests.conftest import make_user


@pytest.fixture
def page_url(partnership):
    return reverse("indicators:partnership", args=[partnership.slug])


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
        response = client.get(page_url)
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
    assert "Import figures" not in html  # members read, they do not import


def test_the_nav_offers_indicators_to_anyone_who_can_see_plans(client, owner_user, fte):
    client.force_login(owner_user)
    assert f'href="{reverse("indicators:index")}"' in client.get(reverse("home")).content.decode()


def test_the_page_works_for_the_real_sefton_figures(client, member_user, sefton_indicators,
                                                    django_assert_max_num_queries):
    client.force_login(member_user)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("indicators:partnership", args=["sefton-youth-justice-partnership"])).content.decode()
    assert "36.7%" in html and "−8.1 percentage points" in html
    assert html.count('role="img"') == 9


def test_officers_import_a_file_and_see_what_changed(client, officer_user, fte, page_url):
    client.force_login(officer_user)
    upload = SimpleUploadedFile("f.csv", b"Indicator,Period,Area,Value\nfte,2021/22,Testshire,90\n")
    response = client.post(reverse("indicators:import", args=[fte.partnership.slug]), {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == page_url
    assert "Figures imported: 1 added, 0 corrected, 0 unchanged." in response.content.decode()


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
