"""Everything the demo holds can be reached by clicking from the home page."""

import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command

from achievements.models import Achievement
from enterprises.models import Enterprise, Institution
from news.models import Article
from projects.models import Project
from regions.models import Region

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]+)"')


def crawl(client, start="/", limit=500):
    """Follow every same-site link from ``start``; return {path: html} of the pages that answered 200."""
    seen, pages, queue = {start}, {}, deque([start])
    while queue and len(pages) < limit:
        path = queue.popleft()
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        pages[path] = html
        for href in HREF.findall(html):
            url = urlparse(urldefrag(href.replace("&amp;", "&"))[0])
            if url.scheme or url.netloc or not url.path.startswith("/"):
                continue
            if url.path.startswith(("/admin", "/static", "/media")):
                continue
            target = url.path + (f"?{url.query}" if url.query else "")
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return pages


def test_every_demo_item_is_reachable_from_the_home_page(client):
    call_command("load_demo", verbosity=0)
    pages = crawl(client)
    expected = [
        *Article.objects.published(),
        *Achievement.objects.published(),
        *Project.objects.published(),
        *Enterprise.objects.published(),
        *Institution.objects.published(),
        *Region.objects.all(),
    ]
    unreachable = [str(item) for item in expected if item.get_absolute_url() not in pages]
    assert unreachable == []
