"""What search engines and link previews read: canonical address, Open Graph / Twitter cards, schema.org JSON-LD."""

import json
from urllib.parse import urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

from .pages import iso_partial_date

register = template.Library()

# Parameters that change what a page shows; anything else (utm_*, spm, from, fbclid …) is tracking.
MEANINGFUL_PARAMS = {"page", "kind", "year", "region", "topic", "stage", "sector", "honour", "category", "q"}
SITE_NAME = "科创门户"

_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def canonical(request) -> str:
    """The page's own absolute address, keeping only parameters that change its content, in a stable order."""
    pairs = sorted(
        (key, value)
        for key, values in request.GET.lists()
        if key in MEANINGFUL_PARAMS
        for value in values
        if value and not (key == "page" and value == "1")
    )
    return request.build_absolute_uri(request.path) + (f"?{urlencode(pairs)}" if pairs else "")


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    request = context.get("request")
    return canonical(request) if request is not None else ""


def image_url(request, image) -> str:
    if not image or not getattr(image, "file", None):
        return ""
    try:
        return request.build_absolute_uri(image.file.url)
    except ValueError:  # no file stored
        return ""


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context, title="", description="", image=None, kind="website"):
    """Open Graph and Twitter card tags; a large card when there is a picture."""
    request = context.get("request")
    site_name = getattr(context.get("site_settings"), "site_name", "") or SITE_NAME
    return {
        "title": title or site_name,
        "description": strip_tags(description or "")[:200],
        "image_url": image_url(request, image) if request else "",
        "image_alt": getattr(image, "alt_text", "") if image else "",
        "kind": kind,
        "url": canonical(request) if request else "",
        "site_name": site_name,
    }


def json_ld_script(data: dict) -> str:
    """``<script type="application/ld+json">``, escaped like ``json_script`` so text can't close the tag."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # nosec B308, B703  # JSON with <, > and & escaped, as json_script does


def _local_iso(value) -> str | None:
    """An ISO 8601 time with the site's own offset (2026-01-01T00:30:00+08:00), as readers there count it."""
    return timezone.localtime(value).isoformat() if value else None


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None and url else url


@register.simple_tag(takes_context=True)
def article_json_ld(context, article) -> str:
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "url": _absolute(request, article.get_absolute_url()),
        "mainEntityOfPage": _absolute(request, article.get_absolute_url()),
        "datePublished": _local_iso(article.published_at),
        "dateModified": _local_iso(article.updated_at or article.published_at) if article.published_at else None,
        "description": article.lead or article.subtitle or article.title,
        "inLanguage": "zh-CN",
        "publisher": {"@type": "Organization", "name": SITE_NAME},
    }
    if article.is_summary:
        # The portal's summary of another publication's article: written by the portal, based on the original.
        site = context.get("site_settings")
        name = getattr(site, "organizer", "") or getattr(site, "site_name", "") or SITE_NAME
        data["author"] = {"@type": "Organization", "name": name}
        original = {
            "@type": "NewsArticle",
            "publisher": {"@type": "Organization", "name": article.based_on_publication},
            "datePublished": iso_partial_date(article.based_on_date, article.based_on_date_precision),
            "url": article.based_on_url,
            "author": article.based_on_authors,
        }
        data["isBasedOn"] = {key: value for key, value in original.items() if value}
    elif article.byline:
        data["author"] = {"@type": "Person", "name": article.byline}
    elif article.source:
        data["author"] = {"@type": "Organization", "name": article.source}
    cover = image_url(request, article.cover) if request is not None else ""
    if cover:
        data["image"] = [cover]
    return json_ld_script({key: value for key, value in data.items() if value})


@register.simple_tag(takes_context=True)
def organization_json_ld(context, organization, logo=None) -> str:
    """schema.org Organization for an enterprise or an institution (a university is still an Organization)."""
    request = context.get("request")
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": organization.name,
        "alternateName": organization.short_name,
        "url": _absolute(request, organization.get_absolute_url()),
        "description": organization.summary,
        "sameAs": [organization.website] if organization.website else None,
    }
    if getattr(organization, "region", None):
        data["address"] = {"@type": "PostalAddress", "addressRegion": organization.region.name, "addressCountry": "CN"}
    logo_url = image_url(request, logo) if request is not None else ""
    if logo_url:
        data["logo"] = logo_url
    return json_ld_script({key: value for key, value in data.items() if value})


@register.simple_tag(takes_context=True)
def breadcrumb_json_ld(context, crumbs, current="") -> str:
    request = getattr(context, "request", None) or context.get("request")
    items = [{"name": crumb["label"], "url": crumb["url"]} for crumb in crumbs]
    if current and request is not None:
        items.append({"name": current, "url": request.path})
    data = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": item["name"], "item": _absolute(request, item["url"])}
            for position, item in enumerate(items, start=1)
        ],
    }
    return json_ld_script(data)
