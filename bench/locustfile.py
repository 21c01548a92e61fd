"""Mixed flow for bench/run.py: browse, step through, mark privately, poll together."""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

COOKIES = itertools.cycle(json.load(open(os.environ["BENCH_COOKIES"])))
SLUGS = ["vaginismus", "vulvodynia", "hormonal-changes", "endometriosis", "pelvic-floor-dysfunction"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Couple(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        name, value = next(COOKIES).split("=", 1)
        self.client.cookies.set(name, value)
        self.stamp = ""

    @task(3)
    def browse(self):
        path = random.choice(["/", "/library/", f"/library/{random.choice(SLUGS)}/", "/what-to-do/", "/ideas/"])
        self.client.get(path, name=path if "/library/" not in path[9:] else "/library/[slug]/")

    @task(3)
    def step_through(self):
        self.client.get(
            f"/talk/first-talk/{random.randint(1, 9)}/",
            headers={"HX-Request": "true"},
            name="/talk/first-talk/[n]/ (htmx)",
        )

    @task(2)
    def mark(self):
        n = random.randint(1, 40)
        page = self.client.get(f"/ideas/all/{n}/", name="/ideas/all/[n]/")
        token = CSRF.search(page.text)
        slug = re.search(r'name="idea" value="([^"]+)"', page.text)
        if token and slug:
            self.client.post(
                "/marks/",
                {
                    "csrfmiddlewaretoken": token.group(1),
                    "idea": slug.group(1),
                    "choice": random.choice(["y", "m", "n"]),
                },
                headers={"HX-Request": "true", "Referer": self.host + "/"},
                name="/marks/ (htmx)",
            )

    @task(6)
    def poll(self):
        response = self.client.get(
            f"/together/poll/?s={self.stamp}", headers={"HX-Request": "true"}, name="/together/poll/"
        )
        found = re.search(r'data-poll="/together/poll/\?s=([0-9a-f]+)"', response.text)
        if found:
            self.stamp = found.group(1)
