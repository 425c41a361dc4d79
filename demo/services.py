"""Writes the demo content: create-only by default, or restoring it with ``reset``.

Every row is found by its natural key (a name, a slug, or its parent plus an order or a label; an item
staff renamed is still found by the address the demo gave it). By default a row that exists is left
exactly as staff left it, together with its parts (key figures, sections, milestones) and links: only
missing items are created, so running again changes nothing. With ``reset`` every demo row gets the demo's
text, status and links back (saved only where a value differs); rows staff added are never touched.
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
from presentation.dates import DatePrecision
from projects.models import Milestone, Project
from publishing.models import PublishStatus
from publishing.slugs import pinyin_slug
from regions.models import Region
from topics.models import Topic

from . import artwork, content

# What happened to a row: created; restored to the demo (reset); same as the demo; kept although it differs
# from the demo (a staff edit); a part of a kept item that staff removed, not created again.
CREATED, UPDATED, UNCHANGED, KEPT, SKIPPED = "created", "updated", "unchanged", "kept", "skipped"
OUTCOME_LABELS = {CREATED: "新建", UPDATED: "恢复", UNCHANGED: "未变", KEPT: "保留修改", SKIPPED: "未补建"}
# An article that credits no other publication: the demo writes these too, so loading it again is idempotent.
BASED_ON_NONE = {
    "based_on_publication": "",
    "based_on_publication_en": "",
    "based_on_date": None,
    "based_on_date_precision": DatePrecision.MONTH,
    "based_on_url": "",
    "based_on_authors": "",
}


class DemoContentError(Exception):
    """The demo content cannot be written as it stands; the message says why in plain Chinese."""


@dataclass
class LoadReport:
    """How many rows of each model were created, restored, left unchanged or kept with staff edits."""

    reset: bool = False
    counts: dict[type[models.Model], Counter] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)  # "项目“…”": existing rows that differ from the demo, left alone

    def record(self, model: type[models.Model], outcome: str, instance: models.Model | None = None) -> None:
        self.counts.setdefault(model, Counter())[outcome] += 1
        if outcome == KEPT and instance is not None:
            self.kept.append(f"{model._meta.verbose_name}“{instance}”")

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    def lines(self) -> list[str]:
        """项目：新建 1，未变 13，保留修改 1 (only the outcomes that occurred, 新建 always)."""
        lines = []
        for model, counter in self.counts.items():
            parts = [
                f"{label} {counter[outcome]}"
                for outcome, label in OUTCOME_LABELS.items()
                if outcome == CREATED or counter[outcome]
            ]
            lines.append(f"{model._meta.verbose_name_plural}：{'，'.join(parts)}")
        return lines


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
    def __init__(self, *, reset: bool = False) -> None:
        self.reset = reset
        self.report = LoadReport(reset=reset)
        self.regions: dict[str, Region] = {}
        self.topics: dict[str, Topic] = {}
        self.sectors: dict[str, Sector] = {}
        self.institutions: dict[str, Institution] = {}
        self.enterprises: dict[str, Enterprise] = {}
        self.people: dict[str, Person] = {}
        self.projects: dict[str, Project] = {}
        self.articles: dict[str, Article] = {}
        self.review_sections: dict[int, ArticleSection | None] = {}
        self.artwork: dict[tuple[str, str], Image] = {}
        self.new: set[tuple[type[models.Model], int]] = set()  # rows this run created

    def is_new(self, instance: models.Model) -> bool:
        return (type(instance), instance.pk) in self.new

    def find(self, model, lookup: dict, *, by_slug: bool):
        instance = model._default_manager.filter(**lookup).first()
        if instance is None and by_slug:
            # Renamed by staff: its address stays the one the demo's name gave it.
            instance = model._default_manager.filter(slug=pinyin_slug(lookup["name"])).first()
        return instance

    def upsert(
        self,
        model,
        lookup: dict,
        values: dict,
        *,
        create_only: dict | None = None,
        m2m: dict | None = None,
        by_slug: bool = False,
        part_of: models.Model | None = None,
    ):
        """Find ``model`` by ``lookup``; create it when missing. An existing row is left alone, or with ``reset``
        saved when ``lookup``, ``values`` or ``m2m`` differ from the demo. ``part_of``: the item this row is a part
        of; when that item was kept, a missing part stays missing (staff removed it) and None is returned."""
        instance = self.find(model, lookup, by_slug=by_slug)
        if instance is None:
            if part_of is not None and not self.reset and not self.is_new(part_of):
                self.report.record(model, SKIPPED)
                return None
            instance = model(**lookup, **values, **(create_only or {}))
            self.save(instance)
            self.new.add((model, instance.pk))
            for name, related in (m2m or {}).items():
                getattr(instance, name).set(related)
            self.report.record(model, CREATED)
            return instance
        demo = {name: value for name, value in {**lookup, **values}.items() if name != "pk"}
        differs = [name for name, value in demo.items() if not _same(instance, name, value)]
        links = [
            name
            for name, related in (m2m or {}).items()
            if set(getattr(instance, name).values_list("pk", flat=True)) != {obj.pk for obj in related}
        ]
        if not self.reset:
            self.report.record(model, KEPT if differs or links else UNCHANGED, instance)
            return instance
        if differs:
            for name in differs:
                setattr(instance, name, demo[name])
            self.save(instance)
        for name in links:
            getattr(instance, name).set(m2m[name])
        self.report.record(model, UPDATED if differs or links else UNCHANGED)
        return instance

    @staticmethod
    def save(instance: models.Model) -> None:
        try:
            instance.full_clean()
        except ValidationError as exc:
            problems = "；".join(message for messages in exc.message_dict.values() for message in messages)
            model = type(instance)
            raise DemoContentError(f"{model._meta.verbose_name}“{instance}”无法保存：{problems}") from exc
        instance.save()

    @staticmethod
    def published(published_at=content.PUBLISHED_AT) -> dict:
        return {"status": PublishStatus.PUBLISHED, "published_at": published_at, "unpublish_reason": ""}

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
                by_slug=True,
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
                by_slug=True,
            )
        for name in content.HONOURS:
            self.upsert(Honour, {"name": name}, {}, by_slug=True)

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
                by_slug=True,
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
                self.new.add((Image, image.pk))
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
                by_slug=True,
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
                by_slug=True,
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
                    part_of=project,
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
                    **BASED_ON_NONE,
                    **data.get("based_on", {}),
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
                    part_of=article,
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
                        "kind": figure.kind,
                        "measure": figure.measure,
                        "is_target": figure.is_target,
                        "year": content.YEAR,
                        "region": self.region(figure.region) or region,
                        "as_of": figure.as_of,
                        "as_of_precision": figure.as_of_precision,
                        "is_featured": figure.is_featured,
                        "order": order,
                    },
                    part_of=achievement,
                )

    def load_site_settings(self) -> None:
        self.upsert(SiteSettings, {"pk": SiteSettings.SINGLETON_PK}, content.SITE_SETTINGS)
        # Every page's footer reads the settings from the cache.
        site_settings_cache_clear()
        transaction.on_commit(site_settings_cache_clear)


@transaction.atomic
def demo_content_load(*, reset: bool = False) -> LoadReport:
    """Create the demo objects that are missing, leaving existing ones as staff left them; with ``reset``, also
    restore existing ones to the demo's text, status and links. One transaction: nothing is half-written."""
    return _Loader(reset=reset).load()


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
