"""Fixtures for the indicators tests: a small indicator built in code, and the
real Sefton figures loaded as `make run` loads them."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from indicators.models import Area, Better, Indicator, IndicatorPeriod, IndicatorValue


@pytest.fixture
def areas(partnership):
    return {
        "own": Area.objects.create(partnership=partnership, name="Testshire", kind=Area.Kind.OWN, order=1),
        "family": Area.objects.create(
            partnership=partnership, name="YOT family average", kind=Area.Kind.FAMILY_AVERAGE, order=2
        ),
        "england": Area.objects.create(partnership=partnership, name="England", kind=Area.Kind.NATIONAL, order=3),
    }


@pytest.fixture
def years(db):
    return [
        IndicatorPeriod.objects.create(
            label=f"Apr {y} - Mar {y + 1}", start=datetime.date(y, 4, 1), end=datetime.date(y + 1, 3, 31)
        )
        for y in (2018, 2019, 2020)
    ]


@pytest.fixture
def fte(partnership, areas, years, aim):
    """First time entrants per 100,000 (lower is better): 117 then 98 locally."""
    indicator = Indicator.objects.create(
        partnership=partnership, name="First time entrants", slug="fte", definition="First caution or conviction.",
        unit=Indicator.Unit.RATE_PER_100K, better=Better.LOWER, source="Test source",
    )
    indicator.aims.add(aim)
    for area, figures in [("own", [None, 117, 98]), ("family", [None, 116, 136]), ("england", [None, None, 154])]:
        for period, figure in zip(years, figures, strict=True):
            if figure is not None:
                IndicatorValue.objects.create(indicator=indicator, period=period, area=areas[area], value=Decimal(figure))
    return indicator


@pytest.fixture
def sefton_indicators(sefton):
    call_command("load_sefton_indicators", stdout=open("/dev/null", "w"))
    return Indicator.objects.filter(partnership=sefton.partnership)
