"""Factories for every content model, published by default; pass status="draft" for drafts."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from achievements.models import Achievement, KeyFigure
from enterprises.models import Enterprise, Honour, Institution, Person, Sector
from home.models import SiteSettings
from images.models import Image
from news.models import Article, ArticleSection
from projects.models import Milestone, Project
from publishing.models import AuditEntry, PublishStatus
from regions.models import Region
from topics.models import Topic


class PublishedFactory(factory.django.DjangoModelFactory):
    status = PublishStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    class Params:
        # ProjectFactory(draft=True): never published; ProjectFactory(scheduled=True): published for tomorrow.
        draft = factory.Trait(status=PublishStatus.DRAFT, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))
        )


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"测试县{n}")
    kind = Region.Kind.COUNTY


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"专题{n}")


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector

    name = factory.Sequence(lambda n: f"产业{n}")
    group = Sector.Group.LEADING


class HonourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honour

    name = factory.Sequence(lambda n: f"荣誉{n}")


class InstitutionFactory(PublishedFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"测试大学{n}")
    kind = Institution.Kind.UNIVERSITY
    region = factory.SubFactory(RegionFactory)


class EnterpriseFactory(PublishedFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试科技有限公司{n}")
    summary = "一家做测试的企业。"
    region = factory.SubFactory(RegionFactory)
    sector = factory.SubFactory(SectorFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"张{n}")
    title = "总经理"


class ProjectFactory(PublishedFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"测试平台{n}")
    kind = Project.Kind.PLATFORM
    stage = Project.Stage.OPERATING
    region = factory.SubFactory(RegionFactory)
    summary = "一个测试平台。"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    date = datetime.date(2026, 1, 1)
    precision = "month"
    title = factory.Sequence(lambda n: f"里程碑{n}")


class ArticleFactory(PublishedFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"测试文章{n}")
    kind = Article.Kind.NEWS
    lead = "测试导语。"
    body = "<p>测试正文。</p>"


class ArticleSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleSection

    article = factory.SubFactory(ArticleFactory, kind=Article.Kind.REVIEW, year=2025)
    order = factory.Sequence(lambda n: n)
    label = "新格局"
    heading = factory.Sequence(lambda n: f"小标题{n}")
    body = "<p>章节正文。</p>"


class AchievementFactory(PublishedFactory):
    class Meta:
        model = Achievement

    title = factory.Sequence(lambda n: f"测试成果{n}")
    category = Achievement.Category.PLATFORM
    year = 2025
    region = factory.SubFactory(RegionFactory)


class KeyFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyFigure

    achievement = factory.SubFactory(AchievementFactory)
    label = factory.Sequence(lambda n: f"签约企业{n}")
    text = "205家"
    value = Decimal("205")
    unit = "家"


class ImageFactory(factory.django.DjangoModelFactory):
    """A small PNG drawn in memory by Pillow; written under the tests' temporary MEDIA_ROOT."""

    class Meta:
        model = Image

    title = factory.Sequence(lambda n: f"测试图片{n}")
    file = factory.django.ImageField(filename="test.png", format="PNG", width=120, height=80, color="teal")
    alt_text = "咸宁科技创新中心外景"


class SiteSettingsFactory(factory.django.DjangoModelFactory):
    """The one row of site settings (its primary key is always 1)."""

    class Meta:
        model = SiteSettings
        django_get_or_create = ["id"]

    id = SiteSettings.SINGLETON_PK
    site_name = "科创门户"
    organizer = "咸宁市科学技术局"
    address = "咸宁市测试路1号"
    phone = "0715-1234567"
    email = "office@example.cn"
    site_code = "4212000001"
    icp_number = "鄂ICP备12345678号"
    police_number = "鄂公网安备42120002000001号"
    police_url = "https://beian.mps.gov.cn/#/query/webSearch?code=42120002000001"


class AuditEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEntry

    action = AuditEntry.Action.EDITED
    user_repr = "editor"
    object_id = "1"
    object_repr = factory.Sequence(lambda n: f"测试内容{n}")
    comment = "改了导语"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"

    username = factory.Sequence(lambda n: f"user{n}")
