"""Reading the sitemap as a search engine does: the index at /sitemap.xml, then every sitemap it lists."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def path_of(location: str) -> str:
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def index_entries(client) -> list[ET.Element]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return root.findall("s:sitemap", NS)


def sitemap_urls(client) -> list[ET.Element]:
    """Every <url> of every sitemap the index names, in order (duplicates kept, so a test can spot them)."""
    urls = []
    for entry in index_entries(client):
        response = client.get(path_of(entry.findtext("s:loc", namespaces=NS)))
        assert response.status_code == 200
        urls += ET.fromstring(response.content).findall("s:url", NS)
    return urls


def sitemap_locations(client) -> dict[str, ET.Element]:
    return {url.findtext("s:loc", namespaces=NS): url for url in sitemap_urls(client)}
