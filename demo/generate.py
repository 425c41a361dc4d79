"""Synthetic content at scale, for benchmarks (``manage.py generate_content``).

Titles, summaries and bodies are put together from the small word lists below, so nothing is copied from real
articles; the same seed gives the same content on an empty database. Rows are written with ``bulk_create`` in
batches (no per-row signals), then the search index is rebuilt once and the planner's statistics refreshed.
"""

import datetime
import functools
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, models, transaction
from django.utils import timezone

from achievements.kinds import proposed_kind
from achievements.models import Achievement, KeyFigure
from caching.state import invalidate as page_cache_invalidate
from enterprises.models import Enterprise, Honour, Sector
from news.models import Article, ArticleSection
from presentation.dates import DatePrecision
from presentation.numbers import format_cn_amount
from projects.models import Project
from publishing.models import PublishStatus
from publishing.slugs import MAX_SLUG_LENGTH, pinyin_slug
from regions.models import Region
from search.services import search_index_rebuild
from topics.models import Topic

BATCH_SIZE = 1000
MAX_COUNT = 1_000_000
YEARS = 5  # content is spread over this year and the four before it
FIGURES_PER_ACHIEVEMENT = 5  # on average
REVIEW_EVERY = 50  # one yearly review per this many articles, at least one
REVIEW_ACHIEVEMENTS = 30  # a yearly review reports on about this many achievements, the rest come from the news
CST = datetime.timezone(datetime.timedelta(hours=8))

# Used only when the database has none of a kind yet.
DEFAULT_CITY = "云溪市"
DEFAULT_REGIONS = [
    ("青川区", Region.Kind.DISTRICT),
    ("桐山县", Region.Kind.COUNTY),
    ("白沙县", Region.Kind.COUNTY),
    ("松岭市", Region.Kind.COUNTY_CITY),
    ("云溪高新区", Region.Kind.ZONE),
]
DEFAULT_TOPICS = ["成果转化", "科技金融", "算力", "人才引育", "数字经济", "乡村振兴"]
DEFAULT_SECTORS = [
    ("新材料", Sector.Group.LEADING),
    ("智能制造", Sector.Group.LEADING),
    ("电子信息", Sector.Group.LEADING),
    ("绿色食品", Sector.Group.LEADING),
    ("现代纺织", Sector.Group.LEADING),
    ("生物医药", Sector.Group.EMERGING),
    ("清洁能源", Sector.Group.EMERGING),
    ("节能环保", Sector.Group.EMERGING),
    ("数字创意", Sector.Group.EMERGING),
]
DEFAULT_HONOURS = ["专精特新", "高新技术企业", "创新型中小企业"]

# Word lists: short pieces that combine into plausible, clearly synthetic names and sentences.
BRANDS = [
    "恒创", "瑞丰", "华科", "中研", "新锐", "博达", "天成", "科远", "鼎信", "安泰", "启明", "汇智",
    "晟达", "金澜", "宏图", "远景", "星河", "云帆", "精工", "长青", "泰和", "联创", "众诚", "昊天",
]  # fmt: skip
FIELDS = [
    "新材料", "智能装备", "电子", "生物", "农业科技", "信息技术", "新能源", "精密制造", "医疗器械", "环保科技",
    "数据", "光电", "食品", "纺织",
]  # fmt: skip
COMPANY_FORMS = ["有限公司", "股份有限公司", "科技有限公司"]
THEMES = [
    "新材料", "智能制造", "数字经济", "生物医药", "绿色食品", "清洁能源", "电子信息", "现代农业", "高端装备",
    "节能环保", "人工智能", "算力",
]  # fmt: skip
PROJECT_FORMS = [
    ("产业创新中心", Project.Kind.PLATFORM),
    ("中试基地", Project.Kind.PLATFORM),
    ("科创园", Project.Kind.PARK),
    ("产业园", Project.Kind.PARK),
    ("研究院", Project.Kind.RESEARCH),
    ("重点实验室", Project.Kind.RESEARCH),
    ("成果转化基金", Project.Kind.FUND),
    ("科技贷", Project.Kind.FINANCE),
    ("企业培育计划", Project.Kind.PROGRAMME),
    ("产业集群", Project.Kind.CLUSTER),
    ("算力中心", Project.Kind.INFRASTRUCTURE),
    ("科技服务站", Project.Kind.SERVICE),
    ("“揭榜挂帅”改革", Project.Kind.REFORM),
    ("英才计划", Project.Kind.TALENT),
]
PHASES = ["二期", "三期", "四期", "五期", "六期", "七期", "八期", "九期"]
ACTIONS = [
    "推进{theme}产业链延链补链",
    "举办{theme}产学研对接会",
    "出台支持{theme}发展十条措施",
    "{theme}项目集中签约",
    "启动{theme}创新联合体建设",
    "{theme}企业研发投入稳步增长",
    "召开{theme}专项推进会",
    "发布{theme}技术需求清单",
    "开展{theme}科技特派员服务",
    "{theme}中试平台通过验收",
]
PROJECT_NEWS = ["开工建设", "建成投用", "通过验收", "签约落地", "进入试运行", "完成首轮融资"]
NEWS_TAILS = ["", "", "", "取得新进展", "跑出加速度", "释放新动能", "见行见效"]
CLAUSES = [
    "聚焦{theme}领域关键核心技术",
    "围绕产业链部署创新链",
    "推动科技成果就地转化",
    "引导企业加大研发投入",
    "搭建校地合作平台",
    "完善科技金融服务体系",
    "优化创新创业生态",
    "支持企业建设研发机构",
    "组织专家团队深入一线",
    "推动{theme}企业梯次成长",
    "强化企业科技创新主体地位",
    "打通成果转化“最后一公里”",
]
RESULTS = [
    "为高质量发展注入新动能",
    "带动上下游企业协同发展",
    "形成一批可复制的经验",
    "有效降低企业创新成本",
    "区域创新能力持续提升",
    "产业集聚效应逐步显现",
]
SOURCES = ["本地日报", "市融媒体中心", "市科技局"]
SECTION_LABELS = ["新格局", "新突破", "新动能", "新生态", "新服务", "新成效"]
SECTION_HEADINGS = [
    "打造区域协同创新样本",
    "攻克一批关键核心技术",
    "培育壮大创新主体",
    "构建开放创新生态",
    "提升科技服务效能",
    "推动成果转化见效",
]
ACHIEVEMENT_FORMS = [
    ("{region}{theme}创新平台建设提速", Achievement.Category.PLATFORM),
    ("{region}{theme}企业创新能力提升", Achievement.Category.ENTERPRISE),
    ("{region}{theme}重点项目加快推进", Achievement.Category.PROJECT),
    ("{region}科技金融支持{theme}产业", Achievement.Category.FINANCE),
    ("{region}{theme}良种良法推广", Achievement.Category.AGRICULTURE),
    ("{region}{theme}产业转型升级", Achievement.Category.INDUSTRY),
    ("{region}算力基础设施扩容", Achievement.Category.COMPUTING),
    ("{region}引进{theme}领域人才团队", Achievement.Category.TALENT),
    ("{region}科技服务“一站式”改革", Achievement.Category.SERVICE_REFORM),
    ("{region}{theme}关键技术攻关", Achievement.Category.RESEARCH),
]
# label, unit, smallest and largest value, decimals of the value
# label, unit, low, high, decimal places, kind (whether it adds up, achievements/kinds.py)
FIGURE_KINDS = [
    ("高新技术企业", "家", 20, 900, 0, KeyFigure.Kind.STOCK),
    ("科技型中小企业", "家", 50, 2000, 0, KeyFigure.Kind.STOCK),
    ("研发投入", "元", 10**7, 5 * 10**10, 0, KeyFigure.Kind.FLOW),
    ("技术合同成交额", "元", 10**8, 2 * 10**10, 0, KeyFigure.Kind.FLOW),
    ("科技贷款投放", "元", 10**7, 5 * 10**9, 0, KeyFigure.Kind.FLOW),
    ("新增发明专利", "件", 30, 3000, 0, KeyFigure.Kind.FLOW),
    ("推广面积", "亩", 1000, 300000, 0, KeyFigure.Kind.STOCK),
    ("算力规模", "P", 50, 5000, 0, KeyFigure.Kind.STOCK),
    ("引进科技人才", "人", 10, 2000, 0, KeyFigure.Kind.FLOW),
    ("签约项目", "个", 5, 200, 0, KeyFigure.Kind.FLOW),
    ("突破关键技术", "项", 2, 60, 0, KeyFigure.Kind.FLOW),
    ("研发投入强度", "%", 1, 6, 2, KeyFigure.Kind.RATE),
    ("产值同比增长", "%", 2, 60, 1, KeyFigure.Kind.RATE),
]
# qualifier → (how it is written around the number, bound)
QUALIFIERS = {
    "": ("{n}{unit}", KeyFigure.Bound.EXACT),
    "余": ("{n}余{unit}", KeyFigure.Bound.AT_LEAST),
    "超": ("超{n}{unit}", KeyFigure.Bound.AT_LEAST),
    "以上": ("{n}{unit}以上", KeyFigure.Bound.AT_LEAST),
    "近": ("近{n}{unit}", KeyFigure.Bound.APPROXIMATE),
    "最高": ("最高{n}{unit}", KeyFigure.Bound.AT_MOST),
}
QUALIFIER_WEIGHTS = [10, 2, 2, 1, 1, 1]


@dataclass
class GenerateReport:
    seed: int
    created: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    search_entries: int = 0


@functools.lru_cache(maxsize=4096)
def _pinyin(text: str) -> str:
    # Generated titles repeat (the same achievement in another year): convert each one once.
    return pinyin_slug(text, 60)


class _Slugs:
    """Unique pinyin slugs for one model without a query per row: the taken ones are read once."""

    def __init__(self, model: type[models.Model]):
        self.taken = set(model._default_manager.values_list("slug", flat=True))

    def make(self, text: str) -> str:
        base = _pinyin(text)
        candidate, n = base, 2
        while candidate in self.taken:
            suffix = f"-{n}"
            candidate = f"{base[: MAX_SLUG_LENGTH - len(suffix)]}{suffix}"
            n += 1
        self.taken.add(candidate)
        return candidate


class _Names:
    """Unique names (enterprises and projects must have them): a second use gets a phase or a number."""

    def __init__(self, model: type[models.Model]):
        self.taken = set(model._default_manager.values_list("name", flat=True))

    def make(self, name: str, variants: list[str]) -> str:
        for candidate in [name, *(f"{name}{variant}" for variant in variants)]:
            if candidate not in self.taken:
                break
        else:
            n = 2
            while (candidate := f"{name}（{n}）") in self.taken:
                n += 1
        self.taken.add(candidate)
        return candidate


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)  # nosec B311  # repeatable generated content, not a secret
        self.report = GenerateReport(seed=seed)
        self.now = timezone.now()
        this_year = timezone.localdate().year
        self.years = list(range(this_year - YEARS + 1, this_year + 1))

    # Random pieces

    def pick(self, items):
        return self.rng.choice(items)

    def some(self, items, most: int) -> list:
        return self.rng.sample(items, min(len(items), self.rng.randint(0, most)))

    def status(self) -> str:
        return self.rng.choices(
            [PublishStatus.PUBLISHED, PublishStatus.DRAFT, PublishStatus.IN_REVIEW], weights=[90, 7, 3]
        )[0]

    def moment(self, year: int) -> datetime.datetime:
        """A time of day in ``year``, never later than an hour ago."""
        start = datetime.datetime(year, 1, 1, 8, tzinfo=CST)
        end = min(datetime.datetime(year, 12, 31, 18, tzinfo=CST), self.now - datetime.timedelta(hours=1))
        # One draw whatever the span, so the same seed gives the same titles on any day.
        seconds = max(0, int((end - start).total_seconds()))
        return start + datetime.timedelta(seconds=int(self.rng.random() * seconds))

    def publishing(self, year: int, status: str | None = None) -> dict:
        status = status or self.status()
        self.report.statuses[status] += 1
        published_at = self.moment(year) if status == PublishStatus.PUBLISHED else None
        return {"status": status, "published_at": published_at, "version": 1}

    def short(self, region: Region) -> str:
        """桐山县 → 桐山, 云溪高新区 → 云溪高新: the way names are shortened in titles."""
        name = region.name
        for ending in ("区", "县", "市"):
            if name.endswith(ending) and len(name) > 2:
                return name[: -len(ending)]
        return name

    def sentence(self, region: Region) -> str:
        theme = self.pick(THEMES)
        clauses = [self.pick(CLAUSES).format(theme=theme) for _ in range(self.rng.randint(1, 3))]
        return f"{region.name}{'，'.join(clauses)}，{self.pick(RESULTS)}。"

    def paragraphs(self, region: Region, count: int) -> str:
        return "".join(
            f"<p>{''.join(self.sentence(region) for _ in range(self.rng.randint(2, 4)))}</p>" for _ in range(count)
        )

    # Taxonomies: the existing ones, or a small set of our own when there are none

    def ensure_taxonomies(self) -> None:
        if not Region.objects.exists():
            city = Region.objects.create(name=DEFAULT_CITY, kind=Region.Kind.CITY, order=0)
            for order, (name, kind) in enumerate(DEFAULT_REGIONS, start=1):
                Region.objects.create(name=name, kind=kind, parent=city, order=order)
            self.report.created[Region] += 1 + len(DEFAULT_REGIONS)
        if not Topic.objects.exists():
            for name in DEFAULT_TOPICS:
                Topic.objects.create(name=name)
            self.report.created[Topic] += len(DEFAULT_TOPICS)
        if not Sector.objects.exists():
            for order, (name, group) in enumerate(DEFAULT_SECTORS):
                Sector.objects.create(name=name, group=group, order=order)
            self.report.created[Sector] += len(DEFAULT_SECTORS)
        if not Honour.objects.exists():
            for name in DEFAULT_HONOURS:
                Honour.objects.create(name=name)
            self.report.created[Honour] += len(DEFAULT_HONOURS)
        regions = list(Region.objects.order_by("pk"))
        self.regions = [region for region in regions if region.kind != Region.Kind.OUTSIDE] or regions
        self.topics = list(Topic.objects.order_by("pk"))
        self.sectors = list(Sector.objects.order_by("pk"))
        self.honours = list(Honour.objects.order_by("pk"))

    # Content

    def enterprises(self, count: int) -> list[Enterprise]:
        names, slugs = _Names(Enterprise), _Slugs(Enterprise)
        items = []
        for _ in range(count):
            region, brand, trade = self.pick(self.regions), self.pick(BRANDS), self.pick(FIELDS)
            name = names.make(f"{self.short(region)}{brand}{trade}{self.pick(COMPANY_FORMS)}", [])
            items.append(
                Enterprise(
                    name=name,
                    short_name=f"{brand}{trade}",
                    slug=slugs.make(name),
                    region=region,
                    sector=self.pick(self.sectors),
                    summary=f"{region.name}一家从事{trade}研发与生产的企业，{self.pick(RESULTS)}。",
                    body=self.paragraphs(region, self.rng.randint(2, 4)),
                    **self.publishing(self.pick(self.years)),
                )
            )
        Enterprise.objects.bulk_create(items, batch_size=BATCH_SIZE)
        self.link(Enterprise.honours.through, "enterprise", "honour", items, self.honours, most=2)
        self.report.created[Enterprise] += len(items)
        return items

    def projects(self, count: int, enterprises: list[Enterprise]) -> list[Project]:
        names, slugs = _Names(Project), _Slugs(Project)
        items = []
        for _ in range(count):
            region, theme = self.pick(self.regions), self.pick(THEMES)
            form, kind = self.pick(PROJECT_FORMS)
            name = names.make(f"{self.short(region)}{theme}{form}", PHASES)
            year = self.pick(self.years)
            investment = Decimal(self.rng.randint(5, 500)) * 10**6
            items.append(
                Project(
                    name=name,
                    slug=slugs.make(name),
                    kind=kind,
                    stage=self.pick(Project.Stage.values),
                    region=region,
                    summary=f"{region.name}{theme}领域的{form}，{self.pick(RESULTS)}。",
                    body=self.paragraphs(region, self.rng.randint(2, 5)),
                    investment=investment,
                    investment_text=format_cn_amount(investment, "元"),
                    operator=self.pick(enterprises) if enterprises and self.rng.random() < 0.5 else None,
                    start_date=datetime.date(year, self.rng.randint(1, 12), 1),
                    start_precision=self.pick([DatePrecision.YEAR, DatePrecision.MONTH]),
                    **self.publishing(year),
                )
            )
        Project.objects.bulk_create(items, batch_size=BATCH_SIZE)
        self.link(Project.topics.through, "project", "topic", items, self.topics, most=2)
        self.link(Project.other_regions.through, "project", "region", items, self.regions, most=1, chance=0.15)
        self.link(Project.partner_enterprises.through, "project", "enterprise", items, enterprises, most=2, chance=0.3)
        self.report.created[Project] += len(items)
        return items

    def article_title(self, kind: str, region: Region, projects: list[Project]) -> str:
        if kind == Article.Kind.NOTICE:
            return f"关于组织申报{self.pick(self.years)}年度{self.pick(THEMES)}科技计划项目的通知"
        if kind == Article.Kind.POLICY:
            return f"一图读懂{region.name}支持{self.pick(THEMES)}发展若干措施"
        if projects and self.rng.random() < 0.3:
            return f"{self.pick(projects).name}{self.pick(PROJECT_NEWS)}"
        action = self.pick(ACTIONS).format(theme=self.pick(THEMES))
        return f"{region.name}{action}{self.pick(NEWS_TAILS)}"

    def articles(self, count: int, projects: list[Project], enterprises: list[Enterprise]):
        slugs = _Slugs(Article)
        reviews = min(count, len(self.years), max(1, count // REVIEW_EVERY))
        review_years = self.years[-reviews:] if reviews else []
        items = []
        for index in range(count):
            region = self.pick(self.regions)
            if index < reviews:
                year = review_years[index]
                kind = Article.Kind.REVIEW
                title = f"{year}年科技创新年度回顾：{self.pick(RESULTS)}"
                extra = {"year": year, "series": "奋进这一年", **self.publishing(year, PublishStatus.PUBLISHED)}
            else:
                year = self.pick(self.years)
                kind = self.rng.choices(Article.Kind.values, weights=[85, 0, 10, 5])[0]
                title = self.article_title(kind, region, projects)
                extra = self.publishing(year)
            items.append(
                Article(
                    kind=kind,
                    title=title[:200],
                    slug=slugs.make(title),
                    source=self.pick(SOURCES),
                    byline="本报记者 通讯员",
                    lead=self.sentence(region),
                    body=self.paragraphs(region, self.rng.randint(3, 6)),
                    **extra,
                )
            )
        Article.objects.bulk_create(items, batch_size=BATCH_SIZE)
        sections = [
            ArticleSection(
                article=review,
                order=order,
                label=label,
                heading=SECTION_HEADINGS[order - 1],
                body=self.paragraphs(self.pick(self.regions), 2),
            )
            for review in items[:reviews]
            for order, label in enumerate(SECTION_LABELS, start=1)
        ]
        ArticleSection.objects.bulk_create(sections, batch_size=BATCH_SIZE)
        through = Article.regions.through
        self.link(through, "article", "region", items, self.regions, most=2, least=1)
        self.link(Article.topics.through, "article", "topic", items, self.topics, most=2)
        self.link(Article.projects.through, "article", "project", items, projects, most=2, chance=0.4)
        self.link(Article.enterprises.through, "article", "enterprise", items, enterprises, most=2, chance=0.4)
        self.report.created[Article] += len(items)
        self.report.created[ArticleSection] += len(sections)
        return items, sections

    def achievements(self, count: int, articles, sections, projects, enterprises) -> list[Achievement]:
        slugs = _Slugs(Achievement)
        reviews = {article.year: article for article in articles if article.kind == Article.Kind.REVIEW}
        sections_of: dict[int, list[ArticleSection]] = {}
        for section in sections:
            sections_of.setdefault(section.article_id, []).append(section)
        news_of: dict[int, list[Article]] = {}
        for article in articles:
            if article.kind == Article.Kind.NEWS and article.status == PublishStatus.PUBLISHED:
                news_of.setdefault(article.published_at.year, []).append(article)
        reported: Counter = Counter()
        items = []
        for _ in range(count):
            region, theme, year = self.pick(self.regions), self.pick(THEMES), self.pick(self.years)
            form, category = self.pick(ACHIEVEMENT_FORMS)
            title = form.format(region=self.short(region), theme=theme)
            article = section = None
            chance = self.rng.random()
            if year in reviews and reported[year] < REVIEW_ACHIEVEMENTS and chance < 0.6:
                reported[year] += 1
                article = reviews[year]
                section = self.pick(sections_of[article.pk])
            elif news_of.get(year) and chance < 0.8:
                article = self.pick(news_of[year])
            items.append(
                Achievement(
                    title=title,
                    slug=slugs.make(title),
                    category=category,
                    year=year,
                    date=datetime.date(year, self.rng.randint(1, 12), 1),
                    date_precision=DatePrecision.MONTH,
                    region=region,
                    summary=self.sentence(region),
                    article=article,
                    section=section,
                    **self.publishing(year),
                )
            )
        Achievement.objects.bulk_create(items, batch_size=BATCH_SIZE)
        self.link(Achievement.projects.through, "achievement", "project", items, projects, most=2, chance=0.5)
        self.link(Achievement.enterprises.through, "achievement", "enterprise", items, enterprises, most=2, chance=0.5)
        self.report.created[Achievement] += len(items)
        return items

    def figure(self, achievement: Achievement, order: int) -> KeyFigure:
        label, unit, low, high, places, kind = self.pick(FIGURE_KINDS)
        if places:
            value = Decimal(round(self.rng.uniform(low, high), places)).quantize(Decimal(1).scaleb(-places))
        else:
            # Two significant digits, as reported numbers usually are: 3.2亿, 4500, 87.
            raw = math.exp(self.rng.uniform(math.log(low), math.log(high)))
            step = 10 ** max(0, int(math.log10(raw)) - 1)
            value = Decimal(max(1, round(raw / step)) * step)
        qualifier = self.rng.choices(list(QUALIFIERS), weights=QUALIFIER_WEIGHTS)[0]
        if qualifier == "余" and (places or value < 100):
            qualifier = "超"  # 5.06余% and 5余个 read oddly; 超 fits any number
        written, bound = QUALIFIERS[qualifier]
        number = format_cn_amount(value, unit)
        number = number[: -len(unit)] if unit and number.endswith(unit) else number
        year = achievement.year
        own_year = self.rng.random() < 0.2
        text = written.format(n=number, unit=unit)
        # 最高… makes a ceiling, whatever the label counts; the label without its theme is what is counted.
        kind = proposed_kind(label=label, text=text, unit=unit, qualifier=qualifier) or kind
        figure = KeyFigure(
            achievement=achievement,
            label=f"{self.pick(THEMES)}{label}" if self.rng.random() < 0.3 else label,
            text=text,
            value=value,
            unit=unit,
            qualifier=qualifier,
            bound=bound,
            kind=kind,
            measure=label if kind in (KeyFigure.Kind.STOCK, KeyFigure.Kind.FLOW) else "",
            is_target=self.rng.random() < 0.1,
            year=self.pick(self.years) if own_year else None,
            region=self.pick(self.regions) if self.rng.random() < 0.15 else None,
            as_of=datetime.date(year, self.rng.randint(1, 12), 1),
            as_of_precision=DatePrecision.MONTH,
            is_featured=self.rng.random() < 0.01,
            order=order,
        )
        figure.effective_year = figure.year or year  # bulk_create skips KeyFigure.save()
        return figure

    def figures(self, count: int, achievements: list[Achievement]) -> None:
        # Every achievement gets at least one figure, the rest go to random ones.
        owners = achievements[:count] + [self.pick(achievements) for _ in range(count - len(achievements))]
        orders: Counter = Counter()
        batch = []
        for achievement in owners:
            orders[achievement.pk] += 1
            batch.append(self.figure(achievement, orders[achievement.pk]))
            if len(batch) == BATCH_SIZE:
                KeyFigure.objects.bulk_create(batch)
                batch = []
        KeyFigure.objects.bulk_create(batch)
        self.report.created[KeyFigure] += count

    def link(self, through, left: str, right: str, items, targets, *, most: int, least: int = 0, chance=1.0):
        """Random many-to-many links, written in batches through the relation's own table."""
        if not targets:
            return
        rows = []
        for item in items:
            if self.rng.random() >= chance:
                continue
            picked = self.rng.sample(targets, min(len(targets), self.rng.randint(least, most)))
            rows += [through(**{f"{left}_id": item.pk, f"{right}_id": target.pk}) for target in picked]
        through.objects.bulk_create(rows, batch_size=BATCH_SIZE)


def content_generate(*, articles: int, enterprises: int, projects: int, figures: int, seed: int) -> GenerateReport:
    """Write that many synthetic articles, enterprises, projects and key figures (with achievements to carry
    the figures), spread over the existing regions, topics and sectors, then rebuild the search index."""
    for name, count in {
        "articles": articles,
        "enterprises": enterprises,
        "projects": projects,
        "figures": figures,
    }.items():
        if not 0 <= count <= MAX_COUNT:
            raise ValueError(f"{name} must be between 0 and {MAX_COUNT}, not {count}")
    generator = _Generator(seed)
    with transaction.atomic():
        generator.ensure_taxonomies()
        made_enterprises = generator.enterprises(enterprises)
        made_projects = generator.projects(projects, made_enterprises)
        made_articles, sections = generator.articles(articles, made_projects, made_enterprises)
        if figures:
            achievements = generator.achievements(
                math.ceil(figures / FIGURES_PER_ACHIEVEMENT), made_articles, sections, made_projects, made_enterprises
            )
            generator.figures(figures, achievements)
        generator.report.search_entries = search_index_rebuild()
    # Rows written in bulk send no signals: cached pages learn of them here.
    page_cache_invalidate()
    if connection.vendor in {"postgresql", "sqlite"}:
        # Fresh statistics for the query planner after a bulk load, as a database that grew slowly has them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return generator.report
