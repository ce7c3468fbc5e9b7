"""How the trend charts lay out their axes (indicators.charts)."""

from decimal import Decimal

from indicators import charts


def test_a_count_axis_goes_up_in_whole_numbers():
    # Custodial sentences: 2 then 0. Half steps would print "0, 0, 1, 2, 2" at no decimal places.
    _, ticks = charts.scale([], {"Sefton": {"p1": Decimal(2), "p2": Decimal(0)}}, decimal_places=0)
    assert ticks == [0, 1, 2]


def test_a_rate_axis_keeps_its_finer_steps():
    _, ticks = charts.scale([], {"Sefton": {"p1": Decimal("0.04")}}, decimal_places=2)
    assert ticks == [Decimal("0"), Decimal("0.01"), Decimal("0.02"), Decimal("0.03"), Decimal("0.04")]


def test_period_labels_are_left_out_rather_than_drawn_over_each_other():
    page, pack = charts.Frame(), charts.PACK_FRAME
    assert page.labelled(3) == [0, 1, 2]
    assert pack.labelled(2) == [0, 1]
    assert pack.labelled(3) == [0, 2]  # the middle one would touch both neighbours
    assert page.labelled(9)[0] == 0 and page.labelled(9)[-1] == 8  # first and latest always
