"""The loaded figures are the figures in section 7 of the Youth Justice Plan 2021/22."""

import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from indicators.management.commands.load_sefton_indicators import DATA_FILE
from indicators.models import Area, IndicatorValue

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "002_fb250d5d28268091.txt"


def figure(slug, area, period):
    return IndicatorValue.objects.get(indicator__slug=slug, area__name=area, period__label=period).value


# Transcribed by hand from the seed (line numbers in the extracted text).
EXPECTED = [
    ("fte-rate", "Sefton", "Jan - Dec 2019", "117"),  # line 1629: Sefton 117 23,963 98 24,476
    ("fte-rate", "Sefton", "Jan - Dec 2020", "98"),
    ("fte-rate", "YOT family average", "Jan - Dec 2020", "136"),  # line 1637
    ("fte-rate", "Darlington", "Jan - Dec 2020", "282"),  # line 1627: "Darl ington"
    ("fte-number", "Sefton", "Jan - Dec 2019", "28"),  # line 1655
    ("fte-number", "YOT family average", "Jan - Dec 2019", "46"),  # line 1663
    ("reoffending-rate", "Sefton", "Apr 2018 - Mar 2019", "44.8"),  # line 1236
    ("reoffending-rate", "Sefton", "Apr 2019 - Mar 2020", "36.7"),
    ("reoffending-rate", "Wigan", "Apr 2018 - Mar 2019", "25.0"),  # line 1240
    ("reoffending-rate", "England", "Apr 2019 - Mar 2020", "34.2"),  # line 1990
    ("reoffending-rate", "North West", "Apr 2019 - Mar 2020", "33"),  # line 1988
    ("reoffending-rate", "Merseyside PCC area", "Apr 2019 - Mar 2020", "38.1"),
    ("reoffences-per-reoffender", "Sefton", "Apr 2018 - Mar 2019", "2.3"),  # line 1299
    ("reoffences-per-reoffender", "Bridgend", "Apr 2018 - Mar 2019", "9.1"),  # line 1295
    ("reoffences", "Sefton", "Apr 2018 - Mar 2019", "128"),  # line 1378
    ("reoffences", "Sefton", "Apr 2019 - Mar 2020", "82"),
    ("reoffenders", "Sefton", "Apr 2018 - Mar 2019", "56"),  # line 1449
    ("reoffenders", "Sefton", "Apr 2019 - Mar 2020", "33"),
    ("reoffending-cohort", "Sefton", "Apr 2018 - Mar 2019", "125"),  # line 1484
    ("reoffending-cohort", "Sefton", "Apr 2019 - Mar 2020", "90"),
    ("custodial-sentences", "Sefton", "Apr 2019 - Mar 2020", "2"),  # line 1838
    ("custodial-sentences", "Wigan", "Apr 2020 - Mar 2021", "13"),  # line 1842
    ("custody-rate", "Sefton", "Jul 2019 - Jun 2020", "0.04"),  # line 2064
    ("custody-rate", "Sefton", "Jul 2020 - Jun 2021", "0.00"),  # line 2062
]


def test_the_loaded_figures_match_the_source(sefton_indicators):
    loaded = [(slug, area, period, figure(slug, area, period)) for slug, area, period, _ in EXPECTED]
    assert loaded == [(slug, area, period, Decimal(value)) for slug, area, period, value in EXPECTED]


def test_figures_the_source_does_not_give_are_not_invented(sefton_indicators):
    # Swansea and Bridgend have "-" for their 2019 rate (lines 1617, 1625).
    assert not IndicatorValue.objects.filter(
        indicator__slug="fte-rate", area__name__in=["Swansea", "Bridgend"], period__label="Jan - Dec 2019"
    ).exists()
    # No family average is published for reoffending.
    assert not IndicatorValue.objects.filter(
        indicator__slug="reoffending-rate", area__kind=Area.Kind.FAMILY_AVERAGE
    ).exists()


def test_each_indicator_evidences_its_aim_in_the_youth_justice_standards(sefton_indicators):
    linked = {
        indicator.slug: [f"{aim.section.title} {aim.number}" for aim in indicator.aims.all()]
        for indicator in sefton_indicators
    }
    assert linked["fte-rate"] == ["Youth Justice Standards 2021/22 1"]
    assert linked["reoffending-rate"] == ["Youth Justice Standards 2021/22 2"]
    assert linked["custody-rate"] == ["Youth Justice Standards 2021/22 3"]
    assert sefton_indicators.get(slug="fte-rate").aims.get().title == "Reduce the Number of First Time Entrants"


def test_every_figure_in_the_data_file_is_on_the_source_line_it_cites():
    """Reads the seed itself: the numbers of each row appear, in order, on the
    cited line (a table row's other numbers, such as populations, may sit between)."""
    if not SEED.exists():
        pytest.skip(f"source document not available at {SEED}")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    checked = 0
    for indicator in data["indicators"]:
        for table in indicator["tables"]:
            for row in table["rows"]:
                text = lines[row["line"] - 1]
                if table.get("layout", "table") == "table":
                    # The extraction splits some names ("Darl ington"): compare without spaces.
                    printed = row.get("printed", row["area"]).replace(" ", "").lower()
                    assert printed in text.replace(" ", "").lower(), (indicator["slug"], row)
                numbers = iter(Decimal(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text))
                for value in row["values"]:
                    if value is not None:
                        # `in` on an iterator consumes it, so the values must appear in order.
                        assert Decimal(str(value)) in numbers, (indicator["slug"], row)
                        checked += 1
    assert checked == 183  # every value the loader loads


def test_loading_twice_changes_nothing(sefton_indicators):
    before = list(IndicatorValue.objects.values_list("pk", "value", "updated_at"))
    out = StringIO()
    call_command("load_sefton_indicators", stdout=out)
    assert list(IndicatorValue.objects.values_list("pk", "value", "updated_at")) == before
    assert "indicator values: 0 created, 0 updated, 183 unchanged" in out.getvalue()


def test_the_loader_explains_that_the_plan_must_be_loaded_first(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_sefton_plan first"):
        call_command("load_sefton_indicators", stdout=StringIO())
