"""Load test (issue 18): owners updating their actions, the chair reviewing, the officer building a pack.

Run by scripts/load_test.sh against gunicorn on 127.0.0.1 (it builds the data and the users file):

    locust -f scripts/locustfile.py --host http://127.0.0.1:8018 --users 50 --spawn-rate 10 --run-time 60s --headless

LOAD_USERS: the JSON file load_test.sh writes ({"owners": [...], "chair", "officer", "member"});
LOAD_PASSWORD: every generated user's password; LOAD_SIGN_IN=1 signs in through the form
(else each user starts with a session load_test.sh made: a PBKDF2 check costs seconds of CPU).

The server runs with DEBUG off, as deployed behind a load balancer that ends TLS: each request says
X-Forwarded-Proto: https (BEHIND_PROXY=1), and the client sends the session and CSRF cookies back
over plain HTTP although they are marked Secure (the load balancer's leg is what TLS would cover).
"""

import json
import os
import random
import re
from urllib.parse import urlsplit

import gevent
from locust import HttpUser, between, task

USERS = json.loads(open(os.environ.get("LOAD_USERS", "/tmp/load_test/users.json"), encoding="utf-8").read())
PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-password-18")
SIGN_IN = os.environ.get("LOAD_SIGN_IN") == "1"  # else start with the session the build made
# Seconds a person spends on a page before the next click (LOAD_THINK="min,max"): reading a list,
# typing a sentence of progress. 3-10 s is quick for a person; "1,4" is the stress setting, where
# this 2-core machine runs out of CPU (about 16 requests a second) and queues build up.
THINK = [float(value) for value in os.environ.get("LOAD_THINK", "3,10").split(",")]
ACTION = re.compile(r'href="/actions/(\d+)/"')
VERSION = re.compile(r'name="version" value="(\d+)"')
GENERATE = re.compile(r'action="(/board-packs/[^"]+/generate/)"')
DOWNLOAD = re.compile(r'href="(/board-packs/packs/\d+/)"')
COMMENTS = [
    "Met with partners this month; the next steps are agreed and on track.",
    "Delayed by staff absence; a revised timetable goes to the next meeting.",
    "Training delivered; evaluation forms are being collated.",
]


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    username = None

    def on_start(self):
        self.client.headers["X-Forwarded-Proto"] = "https"
        self.get("/sign-in/", name="sign in (form)")  # the CSRF cookie
        username = self.pick_username()
        if SIGN_IN:
            self.post("/sign-in/", {"username": username, "password": PASSWORD}, name="sign in")
        else:
            self.client.cookies.set("sessionid", USERS["sessions"][username])

    def pick_username(self):
        return self.username

    def insecure_cookies(self):
        """Send Secure cookies over the plain-HTTP leg to 127.0.0.1 (see the module docstring)."""
        for cookie in self.client.cookies:
            cookie.secure = False

    def post(self, path, data, name=None, **kwargs):
        data = {"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""), **data}
        headers = {"Referer": f"https://{self.host.split('://', 1)[1]}{path}"}
        response = self.client.post(path, data=data, headers=headers, name=name or path, **kwargs)
        self.insecure_cookies()
        return response

    def get(self, path, name=None, **kwargs):
        response = self.client.get(path, name=name or path, **kwargs)
        self.insecure_cookies()
        return response


class Owner(SignedIn):
    """An action owner: reads My actions, opens an action, records progress."""

    weight = 6

    def pick_username(self):
        return random.choice(USERS["owners"])

    def on_start(self):
        super().on_start()
        self.actions = []

    @task(3)
    def my_actions(self):
        response = self.get("/my-actions/")
        self.actions = ACTION.findall(response.text) or self.actions

    @task(2)
    def read_action(self):
        if self.actions:
            self.get(f"/actions/{random.choice(self.actions)}/", name="/actions/[id]/")

    @task(2)
    def update_action(self):
        if not self.actions:
            return
        pk = random.choice(self.actions)
        page = self.get(f"/actions/{pk}/update/", name="/actions/[id]/update/ (form)")
        version = VERSION.search(page.text)
        if not version:
            return
        data = {"version": version.group(1), "status": random.choice(["green", "amber", "red"]),
                "commentary": random.choice(COMMENTS)}
        # 409: someone else (a teammate) updated the action first; the page says so. That is right.
        with self.client.post(
            f"/actions/{pk}/update/", name="/actions/[id]/update/",
            data={"csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""), **data},
            headers={"Referer": f"https://{self.host.split('://', 1)[1]}/actions/{pk}/update/"},
            catch_response=True,
        ) as response:
            if response.status_code in (200, 409):
                response.success()
        self.insecure_cookies()


class Chair(SignedIn):
    """The chair before a meeting: the dashboard, the review list's pages, the plan."""

    weight = 3

    def pick_username(self):
        return random.choice([USERS["chair"], USERS["member"]])

    @task(3)
    def dashboard(self):
        self.get("/review/dashboard/")

    @task(3)
    def review_list(self):
        self.get(f"/review/actions/?page={random.choice([1, 1, 2, 3])}", name="/review/actions/")

    @task(2)
    def plan(self):
        self.get(f"/plans/{USERS['plan']}/", name="/plans/[slug]/")


class Officer(SignedIn):
    """The plan officer: generates a board pack and follows its job to the download."""

    fixed_count = 1
    wait_time = between(5, 15)

    def pick_username(self):
        return USERS["officer"]

    @task
    def board_pack(self):
        index = self.get("/board-packs/")
        generate = GENERATE.search(index.text)
        if not generate:
            return
        job = self.post(generate.group(1), {}, name="/board-packs/[plan]/[period]/generate/")
        for _ in range(30):
            download = DOWNLOAD.search(job.text)
            if download:
                self.get(download.group(1), name="/board-packs/packs/[id]/")
                return
            if "/jobs/" not in job.url:
                return
            gevent.sleep(2)  # the progress page refreshes every 2 seconds too
            job = self.get(urlsplit(job.url).path, name="/jobs/[id]/")
