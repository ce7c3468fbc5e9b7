"""The board pack's performance section: the indicators page's figures, as the
partnership knew them at the end of the pack's quarter, shortened for a board:
the latest and previous figures, every indicator's comparators in one table, and
a small trend chart for each rate.

Usage in the pack (boardpack/): ``context.update(pack_context(plan, period))`` and
``{% include "indicators/_pack_section.html" %}``; add
``indicators/pack.css`` to the pack's WeasyPrint stylesheets.
"""

from django.db.models import Max

from indicators.models import Indicator, IndicatorValue
from indicators import charts
from indicators.summary import comparator_matrix, summarise_all

# The pack's landscape page has room for three 84 mm charts side by side.
CHARTS_PER_ROW = 3


def pack_context(plan, period):
    """Context for ``indicators/_pack_section.html``.

    ``period`` is the ReportingPeriod the pack reports on: figures for published
    periods that ended after its last day are left out, so a pack reprinted later
    shows what the partnership saw at the time. ``period`` may be None (all figures).
    """
    up_to = period.end if period is not None else None
    indicators = list(Indicator.objects.for_partnership(plan.partnership).with_values(up_to=up_to))
    summaries = [s for s in summarise_all(indicators, frame=None) if s.periods]
    # Charts for rates only. A count swings sharply on small numbers (custodial
    # sentences: 2, then 0) and is not comparable between areas; the tables have them.
    charted = [s for s in summaries if s.indicator.unit != Indicator.Unit.COUNT]
    for summary in charted:
        summary.chart = summary.draw_chart(charts.PACK_FRAME)
    # Rows of charts as blocks of their own, so a page can end between two rows.
    chart_rows = [charted[i : i + CHARTS_PER_ROW] for i in range(0, len(charted), CHARTS_PER_ROW)]
    values = IndicatorValue.objects.filter(indicator__partnership=plan.partnership)
    if up_to is not None:
        values = values.filter(period__end__lte=up_to)
    latest = values.aggregate(latest_end=Max("period__end"), updated=Max("updated_at"))
    return {
        "performance": {
            "plan": plan,
            "period": period,
            "summaries": summaries,
            "charted": charted,
            "chart_rows": chart_rows,
            "comparators": comparator_matrix(summaries),
            # "Data as at": the end of the most recent published period shown.
            "data_as_at": latest["latest_end"],
            "last_updated": latest["updated"],
            "sources": sorted({s.indicator.source for s in summaries if s.indicator.source}),
        }
    }
