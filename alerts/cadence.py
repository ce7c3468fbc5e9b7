"""How often an item is alerted: at once, again after 7 days, then every 30
days while it stays. Counted in days from the log of what was actually sent,
so running the command hourly, or again after a crash, sends nothing extra."""

FIRST_REMINDER_DAYS = 7
LATER_REMINDER_DAYS = 30


def is_due(times_sent, last_sent_on, today):
    if not times_sent:
        return True
    wait = FIRST_REMINDER_DAYS if times_sent == 1 else LATER_REMINDER_DAYS
    return (today - last_sent_on).days >= wait
