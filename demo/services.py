"""Writes the demo content idempotently.

Every row is found by its natural key (a name, a slug, or its parent plus an order or a label) and
saved only when one of its values differs, so a second run changes nothing, not even ``updated_at``.
"""

import secrets
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django_prose_editor.fields import ProseEditorField

from achievements.models import Achievement, KeyFigure
from enterprises.models import Enterprise, Honour, Institution, Person, Sector
from home.models import SiteSettings
from home.services import site_settings_cache_clear
from images.models import Image
from images.services import image_create
from news.models import Article, ArticleSection
from projects.models import Milestone, Project
from publishing.models import PublishStatus
from regions.models import Region
from topics.models import Topic

from . import artwork, content

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class DemoContentError(Exception):
    """The demo content cannot be written as it stands; the message says why in plain Chinese."""


@dataclass
class LoadReport:
    """How many rows of each model were created, updated or left unchanged."""

    counts: dict[type[models.Model], Counter] = field(default_factory=dict)

    def record(self, model: type[models.Model], outcome: str) -> None:
        self.counts.setdefault(model, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{model._meta.verbose_name_plural}：新建 {c[CREATED]}，更新 {c[UPDATED]}，未变 {c[UNCHANGED]}"
            for model, c in self.counts.items()
        ]


def _english(table: dict, key: str, *fields: str) -> dict:
    """The demo's English title and summary of one object, empty strings where it has none."""
    return dict(zip(fields, table.get(key, ("",) * len(fields)), strict=True))


def _same(instance: models.Model, name: str, value) -> bool:
    model_field = instance._meta.get_field(name)
    if model_field.many_to_one or model_field.one_to_one:
        return getattr(instance, model_field.attname) == (value.pk if value is not None else None)
    if isinstance(model_field, ProseEditorField):
        # The field sanitises on save; compare with what would be stored.
        value = model_field.sanitize(value or "")
    return getattr(instance, model_field.attname) == model_field.to_python(value)


class _Loader:
    def __init__(self) -> None:
        self.report = LoadReport()
        self.regions: dict[str, Region] = {}
        self.topics: dict[str, Topic] = {}
        self.sectors: dict[str, Sector] = {}
        self.institutions: dict[str, Institution] = {}
        self.enterprises: dict[str, Enterprise] = {}
        self.people: dict[str, Person] = {}
        self.projects: dict[str, Project] = {}
        self.articles: dict[str, Article] = {}
        self.review_sections: dict[int, ArticleSection] = {}
        self.artwork: dict[tuple[str, str], Image] = {}

    def upsert(self, model, lookup: dict, values: dict, *, create_only: dict | None = None, m2m: dict | None = None):
        """Find ``model`` by ``lookup``; create it, or save it only if ``values`` or ``m2m`` differ."""
        instance = model._default_manager.filter(**lookup).first()
        if instance is None:
            outcome = CREATED
            instance = model(**lookup, **values, **(create_only or {}))
            dirty = True
        else:
            outcome = UNCHANGED
            dirty = False
            for name, value in values.items():
                if not _same(instance, name, value):
                    setattr(instance, name, value)
                    dirty = True
        if dirty:
            try:
                instance.full_clean()
            except ValidationError as exc:
                problems = "；".join(message for messages in exc.message_dict.values() for message in messages)
                raise DemoContentError(f"{model._meta.verbose_name}“{instance}”无法保存：{problems}") from exc
            instance.save()
            if outcome == UNCHANGED:
                outcome = UPDATED
        for name, related in (m2m or {}).items():
            manager = getattr(instance, name)
            if set(manager.values_list("pk", flat=True)) != {obj.pk for obj in related}:
                manager.set(related)
                if outcome == UNCHANGED:
                    outcome = UPDATED
        self.report.record(model, outcome)
        return instance

    @staticmethod
    def published(published_at=content.PUBLISHED_AT) -> dict:
        return {"status": PublishStatus.PUBLISHED, "published_at": published_at}

    def region(self, name: str | None) -> Region | None:
        return self.regions[name] if name else None

    def load(self) -> LoadReport:
        self.load_regions()
        self.load_taxonomies()
        self.load_institutions()
        self.load_images()
        self.load_enterprises()
        self.load_people()
        self.load_projects()
        self.load_articles()
        self.load_achievements()
        self.load_site_settings()
        return self.report

    def load_regions(self) -> None:
        for data in content.REGIONS:
            self.regions[data["name"]] = self.upsert(
                Region,
                {"name": data["name"]},
                {
                    "name_en": content.REGION_NAMES_EN.get(data["name"], ""),
                    "kind": data["kind"],
                    "parent": self.region(data["parent"]),
                    "summary": data["summary"],
                    "order": data["order"],
                },
                # An address, once given, stays: only a new region gets the demo's slug.
                create_only={"slug": data["slug"]},
            )

    def load_taxonomies(self) -> None:
        for data in content.TOPICS:
            self.topics[data["name"]] = self.upsert(
                Topic,
                {"name": data["name"]},
                {"name_en": content.TOPIC_NAMES_EN.get(data["name"], ""), "description": data["description"]},
            )
        for data in content.SECTORS:
            self.sectors[data["name"]] = self.upsert(
                Sector,
                {"name": data["name"]},
                {
                    "name_en": content.SECTOR_NAMES_EN.get(data["name"], ""),
                    "group": data["group"],
                    "order": data["order"],
                },
            )
        for name in content.HONOURS:
            self.upsert(Honour, {"name": name}, {})

    def load_institutions(self) -> None:
        for data in content.INSTITUTIONS:
            self.institutions[data["name"]] = self.upsert(
                Institution,
                {"name": data["name"]},
                {
                    "name_en": content.INSTITUTION_NAMES_EN.get(data["name"], ""),
                    "short_name": data["short_name"],
                    "kind": data["kind"],
                    "parent": self.institutions[data["parent"]] if data["parent"] else None,
                    "region": self.region(data["region"]),
                    "summary": data["summary"],
                    **self.published(),
                },
            )

    def load_images(self) -> None:
        for data in content.ARTWORK:
            piece = artwork.Artwork(
                title=data["title"],
                alt_text=data["alt_text"],
                caption=data["caption"],
                text=data["text"],
                colours=data["colours"],
                kind=data.get("kind", "cover"),
            )
            texts = {"alt_text": piece.alt_text, "caption": piece.caption, "credit": artwork.CREDIT}
            image = Image.objects.filter(title=piece.title).first()
            if image is None:
                # Drawn only once: a second run finds the picture by its title and leaves the file alone.
                extension = "png" if piece.kind == "logo" else "jpg"
                upload = ContentFile(artwork.draw(piece), name=f"demo.{extension}")
                image = image_create(file=upload, title=piece.title, **texts)
                self.report.record(Image, CREATED)
            else:
                image = self.upsert(Image, {"pk": image.pk}, texts)
            self.artwork[data["for"]] = image

    def picture(self, kind: str, key: str, field: str) -> dict:
        """``{field: image}`` when the demo has a picture for this item, else nothing (a staff choice stays)."""
        image = self.artwork.get((kind, key))
        return {field: image} if image else {}

    def load_enterprises(self) -> None:
        for data in content.ENTERPRISES:
            self.enterprises[data["name"]] = self.upsert(
                Enterprise,
                {"name": data["name"]},
                {
                    **_english(content.ENTERPRISES_EN, data["name"], "name_en", "summary_en"),
                    "short_name": data["short_name"],
                    "region": self.region(data["region"]),
                    "sector": self.sectors[data["sector"]],
                    "summary": data["summary"],
                    "body": data["body"],
                    **self.picture("enterprise", data["name"], "logo"),
                    **self.published(),
                },
                m2m={"partners": [self.institutions[name] for name in data["partners"]]},
            )

    def load_people(self) -> None:
        for data in content.PEOPLE:
            enterprise, institution = data.get("enterprise"), data.get("institution")
            self.people[data["name"]] = self.upsert(
                Person,
                {"name": data["name"]},
                {
                    "title": data["title"],
                    "enterprise": self.enterprises[enterprise] if enterprise else None,
                    "institution": self.institutions[institution] if institution else None,
                },
            )

    def load_projects(self) -> None:
        for data in content.PROJECTS:
            project = self.upsert(
                Project,
                {"name": data["name"]},
                {
                    **_english(content.PROJECTS_EN, data["name"], "name_en", "summary_en"),
                    "short_name": data["short_name"],
                    "kind": data["kind"],
                    "stage": data["stage"],
                    "region": self.region(data["region"]),
                    "summary": data["summary"],
                    "body": data["body"],
                    "investment": data["investment"],
                    "investment_text": data["investment_text"],
                    "operator": self.enterprises[data["operator"]] if data["operator"] else None,
                    "operator_institution": (
                        self.institutions[data["operator_institution"]] if data["operator_institution"] else None
                    ),
                    "start_date": data["start_date"],
                    "start_precision": data["start_precision"],
                    **self.picture("project", data["name"], "cover"),
                    **self.published(),
                },
                m2m={
                    "other_regions": [self.regions[name] for name in data["other_regions"]],
                    "topics": [self.topics[name] for name in data["topics"]],
                    "partner_enterprises": [self.enterprises[name] for name in data["partner_enterprises"]],
                    "partner_institutions": [self.institutions[name] for name in data["partner_institutions"]],
                },
            )
            self.projects[data["name"]] = project
            for milestone in data["milestones"]:
                self.upsert(
                    Milestone,
                    {"project": project, "title": milestone["title"]},
                    {
                        "date": milestone["date"],
                        "precision": milestone["precision"],
                        "is_done": milestone["is_done"],
                        "description": milestone.get("description", ""),
                    },
                )

    def load_articles(self) -> None:
        for data in content.ARTICLES:
            article = self.upsert(
                Article,
                {"slug": data["slug"]},
                {
                    "kind": data["kind"],
                    "title": data["title"],
                    **_english(content.ARTICLES_EN, data["slug"], "title_en", "lead_en"),
                    "series": data["series"],
                    "subtitle": data["subtitle"],
                    "byline": data["byline"],
                    "source": data["source"],
                    "year": data["year"],
                    "lead": data["lead"],
                    "body": data["body"],
                    **self.picture("article", data["slug"], "cover"),
                    **self.published(data["published_at"]),
                },
                m2m={
                    "regions": [self.regions[name] for name in data["regions"]],
                    "topics": [self.topics[name] for name in data["topics"]],
                    "projects": [self.projects[name] for name in data["projects"]],
                    "enterprises": [self.enterprises[name] for name in data["enterprises"]],
                    "institutions": [self.institutions[name] for name in data["institutions"]],
                    "people": [self.people[name] for name in data["people"]],
                },
            )
            self.articles[data["slug"]] = article
            for section in data.get("sections", []):
                saved = self.upsert(
                    ArticleSection,
                    {"article": article, "order": section["order"]},
                    {"label": section["label"], "heading": section["heading"], "body": section["body"]},
                )
                if data["slug"] == content.REVIEW_SLUG:
                    self.review_sections[section["order"]] = saved

    def load_achievements(self) -> None:
        review = self.articles[content.REVIEW_SLUG]
        for data in content.ACHIEVEMENTS:
            region = self.region(data["region"])
            achievement = self.upsert(
                Achievement,
                {"slug": data["slug"]},
                {
                    "title": data["title"],
                    "category": data["category"],
                    "year": content.YEAR,
                    "date": data["date"],
                    "date_precision": data["date_precision"],
                    "region": region,
                    "summary": data["summary"],
                    "article": review,
                    "section": self.review_sections[data["section"]],
                    **self.published(),
                },
                m2m={
                    "projects": [self.projects[name] for name in data["projects"]],
                    "enterprises": [self.enterprises[name] for name in data["enterprises"]],
                    "institutions": [self.institutions[name] for name in data["institutions"]],
                },
            )
            for order, figure in enumerate(data["figures"], start=1):
                self.upsert(
                    KeyFigure,
                    {"achievement": achievement, "label": figure.label},
                    {
                        "text": figure.text,
                        "value": figure.decimal_value,
                        "unit": figure.unit,
                        "qualifier": figure.qualifier,
                        "bound": figure.bound,
                        "is_target": figure.is_target,
                        "year": content.YEAR,
                        "region": self.region(figure.region) or region,
                        "as_of": figure.as_of,
                        "as_of_precision": figure.as_of_precision,
                        "is_featured": figure.is_featured,
                        "order": order,
                    },
                )

    def load_site_settings(self) -> None:
        self.upsert(SiteSettings, {"pk": SiteSettings.SINGLETON_PK}, content.SITE_SETTINGS)
        # Every page's footer reads the settings from the cache.
        site_settings_cache_clear()
        transaction.on_commit(site_settings_cache_clear)


@transaction.atomic
def demo_content_load() -> LoadReport:
    """Create or update every demo object in one transaction; nothing is half-written on error."""
    return _Loader().load()


@dataclass(frozen=True)
class AdminUserResult:
    username: str
    created: bool
    generated_password: str | None  # only when we made it up; shown to the operator once


@transaction.atomic
def admin_user_ensure(*, username: str, password: str | None, email: str = "") -> AdminUserResult:
    """Create a superuser named ``username`` unless one exists; an existing user's password is never touched."""
    if not username.strip():
        raise DemoContentError("超级用户的用户名不能为空，请检查环境变量 DJANGO_SUPERUSER_USERNAME。")
    user_model = get_user_model()
    if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists():
        return AdminUserResult(username=username, created=False, generated_password=None)
    generated = None if password else secrets.token_urlsafe(16)
    user_model._default_manager.create_superuser(
        **{user_model.USERNAME_FIELD: username}, email=email, password=password or generated
    )
    return AdminUserResult(username=username, created=True, generated_password=generated)
