"""An address holding a NUL byte is refused at the door (400), whichever page it names:
PostgreSQL cannot compare text holding NUL, so it once reached a query as a 500."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("query", ["plan=%00", "period=2022-Q1%00", "x%00=1", "next=%00&page=%00"])
def test_a_nul_byte_in_the_query_string_is_a_bad_request_with_a_page_that_says_so(client, officer_user, query):
    client.force_login(officer_user)
    response = client.get(f"{reverse('review:dashboard')}?{query}")
    assert response.status_code == 400
    assert "Sorry, there is a problem with the web address" in response.content.decode()


def test_ordinary_query_strings_still_work(client, officer_user, plan):
    client.force_login(officer_user)
    assert client.get(f"{reverse('review:dashboard')}?plan={plan.slug}").status_code == 200
