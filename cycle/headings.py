"""The Youth Justice Board's headings for a youth justice plan, the template a
new plan can start from instead of copying the old plan's sections.

Source: "Youth justice plans: guidance for youth justice services", Youth Justice
Board, updated 19 March 2024,
https://www.gov.uk/government/publications/youth-justice-plans-guidance-for-youth-justice-services/youth-justice-plans-guidance-for-youth-justice-services

The guidance says plans "should be submitted using the headings set out in the
'Youth Justice Plan Structure' section", and that a plan covering more than one
year needs an annual update "covering progress against priorities, a summary of
performance, any changes in demographics and legislation". The headings below
follow that section, in its order; only the page's opening could be read when
the list was written, so check them against the page before relying on them,
and whenever the YJB revises it (most years). Change them here only: nothing
else holds a copy.
"""

GUIDANCE_TITLE = "Youth justice plans: guidance for youth justice services (Youth Justice Board, updated 19 March 2024)"
GUIDANCE_URL = (
    "https://www.gov.uk/government/publications/youth-justice-plans-guidance-for-youth-justice-services/"
    "youth-justice-plans-guidance-for-youth-justice-services"
)

YJB_HEADINGS = [
    "Introduction, vision and strategy",
    "Local context",
    "Child First",
    "Voice of the child",
    "Governance, leadership and partnership arrangements",
    "Board development",
    "Progress on previous plan",
    "Resources and services",
    "Performance",
    "Priorities",
    "Standards for children in the justice system",
    "Workforce development",
    "Evidence-based practice and innovation",
    "Service development",
    "Challenges, risks and issues",
    "Sign-off, submission and approval",
]
