"""The demo content: Xianning's science-and-technology year 2025, restated in our own words.

Every fact comes from the 咸宁日报 yearly review 《奋发有为 这一年 · 科技创新实现新突破》; the
wording here is ours. Objects refer to each other by name (or slug for articles and
achievements); ``demo.services`` resolves the names and writes everything idempotently.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from achievements.models import Achievement, KeyFigure
from enterprises.models import Institution, Sector
from news.models import Article
from presentation.dates import DatePrecision
from projects.models import Project
from regions.models import Region

CST = ZoneInfo("Asia/Shanghai")
YEAR = 2025
# Everything the demo publishes goes live at the review's publication time unless it says otherwise.
PUBLISHED_AT = datetime.datetime(2025, 11, 26, 7, 0, tzinfo=CST)

CITY = "咸宁市"
ZONE = "咸宁高新区"
WUHAN = "武汉"

REGIONS = [
    {
        "name": CITY,
        "slug": "xianning",
        "kind": Region.Kind.CITY,
        "parent": None,
        "order": 0,
        "summary": "湖北省地级市，本门户报道这座城市的科技创新。",
    },
    {
        "name": ZONE,
        "slug": "gaoxinqu",
        "kind": Region.Kind.ZONE,
        "parent": CITY,
        "order": 1,
        "summary": "咸宁的高新技术产业开发区，咸宁科技创新中心和咸宁智算中心都在这里。",
    },
    {
        "name": "咸安区",
        "slug": "xianan",
        "kind": Region.Kind.DISTRICT,
        "parent": CITY,
        "order": 2,
        "summary": "咸宁市辖区，2025年设立了四个产业“工程师工作室”。",
    },
    {
        "name": "嘉鱼县",
        "slug": "jiayu",
        "kind": Region.Kind.COUNTY,
        "parent": CITY,
        "order": 3,
        "summary": "咸宁市下辖县，2025年与科研院所共建“两院三中心”平台。",
    },
    {
        "name": "赤壁市",
        "slug": "chibi",
        "kind": Region.Kind.COUNTY_CITY,
        "parent": CITY,
        "order": 4,
        "summary": "咸宁市代管的县级市，咸宁中试谷（赤壁）基地所在地。",
    },
    {
        "name": "通城县",
        "slug": "tongcheng",
        "kind": Region.Kind.COUNTY,
        "parent": CITY,
        "order": 5,
        "summary": "咸宁市下辖县，2025年柔性引进高校院所专家教授35人。",
    },
    {
        "name": "崇阳县",
        "slug": "chongyang",
        "kind": Region.Kind.COUNTY,
        "parent": CITY,
        "order": 6,
        "summary": "咸宁市下辖县，2025年9月启动高分子材料产业集群。",
    },
    {
        "name": "通山县",
        "slug": "tongshan",
        "kind": Region.Kind.COUNTY,
        "parent": CITY,
        "order": 7,
        "summary": "咸宁市下辖县，正在构建“1+7+N”地网服务体系。",
    },
    {
        "name": WUHAN,
        "slug": "wuhan",
        "kind": Region.Kind.OUTSIDE,
        "parent": None,
        "order": 20,
        "summary": "湖北省会。咸宁在这里设有离岸科创园，形成“武汉研发、咸宁转化”的分工。",
    },
]

TOPICS = [
    {"name": "离岸科创", "description": "在武汉做研发、回咸宁落地转化的“研发飞地”模式。"},
    {"name": "科技金融", "description": "贷款、产业基金和种子基金等支持科技企业的金融工具。"},
    {"name": "算力", "description": "智算中心、推理集群等数字基础设施。"},
    {"name": "农业科技", "description": "良种选育、试验示范和农业科研平台。"},
    {"name": "人才引育", "description": "引进专家、共建研究院和柔性引才。"},
    {"name": "新材料", "description": "高分子材料、特种电磁线、医用材料等。"},
    {"name": "科技服务", "description": "服务体系、工程师工作室和园区运营机制改革。"},
    {"name": "未来产业", "description": "具身智能等面向未来的前沿布局。"},
]

# The article names no sector of the "5+4" system; these are only the ones the demo enterprises need,
# and staff must confirm names and groups against the city's official list.
SECTORS = [
    {"name": "新材料", "group": Sector.Group.LEADING, "order": 1},
    {"name": "机电制造", "group": Sector.Group.LEADING, "order": 2},
    {"name": "电子信息", "group": Sector.Group.LEADING, "order": 3},
    {"name": "数字经济", "group": Sector.Group.EMERGING, "order": 1},
]

# Honour kinds only: the article awards none of them to a named enterprise.
HONOURS = ["专精特新", "单项冠军", "高新技术企业", "创新型中小企业"]

INSTITUTIONS = [
    {
        "name": "武汉大学",
        "short_name": "武大",
        "kind": Institution.Kind.UNIVERSITY,
        "parent": None,
        "region": WUHAN,
        "summary": "在咸宁科技创新中心共建研究院的4所高校之一，也向通城县输送专家。",
    },
    {
        "name": "武汉大学机器人学院",
        "short_name": "武大机器人学院",
        "kind": Institution.Kind.SCHOOL,
        "parent": "武汉大学",
        "region": WUHAN,
        "summary": "2025年10月在赤壁设立水下具身智能研究中心。",
    },
    {
        "name": "武汉大学工业技术研究院",
        "short_name": "武大工研院",
        "kind": Institution.Kind.ACADEMY,
        "parent": "武汉大学",
        "region": WUHAN,
        "summary": "通过咸宁科技创新中心在咸宁设立分院。",
    },
    {
        "name": "武汉理工大学",
        "short_name": "武汉理工",
        "kind": Institution.Kind.UNIVERSITY,
        "parent": None,
        "region": WUHAN,
        "summary": "与湖北世丰新材料有限公司合作，解决医用聚氨酯的生物相容性问题。",
    },
    {
        "name": "湖北省农业科学院",
        "short_name": "省农科院",
        "kind": Institution.Kind.ACADEMY,
        "parent": None,
        "region": None,
        "summary": "派专家到嘉鱼县指导蔬菜病虫害防治和品种试验。",
    },
    {
        "name": "中国科学院",
        "short_name": "中科院",
        "kind": Institution.Kind.ACADEMY,
        "parent": None,
        "region": None,
        "summary": "通城县柔性引进的专家教授中有来自中国科学院的。",
    },
]

ENTERPRISES = [
    {
        "name": "湖北中科华冶新材料科技有限公司",
        "short_name": "中科华冶",
        "region": CITY,
        "sector": "新材料",
        "partners": [],
        "summary": "生产物联网和无线充电用的特种电磁线，2025年产能同比增长50%，正进入新能源汽车领域。",
        "body": (
            "<p>公司的主打产品是特种电磁线，下游是物联网设备和无线充电。</p>"
            "<ul><li>2025年产能比上年同期提高50%；</li>"
            "<li>正在开拓新能源汽车市场；</li>"
            "<li>总经理何立超介绍，公司的目标是到2028年年产值超过10亿元。</li></ul>"
        ),
    },
    {
        "name": "湖北世丰新材料有限公司",
        "short_name": "世丰新材料",
        "region": CITY,
        "sector": "新材料",
        "partners": ["武汉理工大学"],
        "summary": "联合武汉理工大学解决医用聚氨酯的生物相容性问题，技术处于国内先进水平。",
        "body": "<p>生物相容性是医用聚氨酯的关键难点。公司和武汉理工大学一起攻关，把这项技术做到了国内先进水平。</p>",
    },
    {
        "name": "湖北穿石智能电器有限公司",
        "short_name": "穿石智能",
        "region": CITY,
        "sector": "机电制造",
        "partners": [],
        "summary": "坚持研发七年，掌握了水尘环流清洁这项关键技术。",
        "body": "<p>水尘环流清洁技术曾是行业里受制于人的环节，公司用七年时间完成自主突破。</p>",
    },
    {
        "name": "维达力科技股份有限公司",
        "short_name": "维达力",
        "region": "赤壁市",
        "sector": "电子信息",
        "partners": [],
        "summary": "位于赤壁，手机后盖板产线技改后全面自动化，不少工序产能提高三成以上。",
        "body": (
            "<p>公司在赤壁的手机后盖板生产线完成技术改造，实现了全流程自动化，许多工序的产能因此提升30%以上。</p>"
        ),
    },
    {
        "name": "北京高斯算电有限公司",
        "short_name": "高斯算电",
        "region": None,
        "sector": "数字经济",
        "partners": [],
        "summary": "被咸宁高新区引进，出资3亿元建设湖北高斯算电推理集群（咸宁智算中心）。",
        "body": (
            "<p>这家北京企业是湖北高斯算电推理集群的投资方，项目总投资3亿元，计划配置500张GPU卡，形成1000P算力。</p>"
        ),
    },
]

PEOPLE = [
    {"name": "何立超", "title": "湖北中科华冶新材料科技有限公司总经理", "enterprise": "湖北中科华冶新材料科技有限公司"},
    {"name": "焦忠久", "title": "湖北省农业科学院病虫害防治专家", "institution": "湖北省农业科学院"},
    {"name": "谭宏宇", "title": "咸宁日报记者"},
    {"name": "罗奇", "title": "通讯员"},
]


def month(year: int, month_number: int) -> datetime.date:
    return datetime.date(year, month_number, 1)


def year_start(year: int) -> datetime.date:
    return datetime.date(year, 1, 1)


PROJECTS = [
    {
        "name": "咸宁科技创新中心",
        "short_name": "咸宁科创中心",
        "kind": Project.Kind.PLATFORM,
        "stage": Project.Stage.OPERATING,
        "region": ZONE,
        "other_regions": [],
        "topics": ["离岸科创", "人才引育"],
        "summary": "咸宁高新区的科创综合体，2025年投入运营，与武汉的离岸科创园“离岸+在岸”联动。",
        "body": (
            "<p>中心是咸宁以应用为导向的科技创新供应链平台的核心，兼顾研发孵化、成果转化、"
            "产业培育和人才集聚；展厅按“5+4”现代化工业体系陈列各产业的新成果和代表企业。</p>"
            "<ul><li>武汉大学等4所高校在此共建研究院；</li>"
            "<li>8家企业签约入驻；</li>"
            "<li>引入54家科创企业和10家金融机构；</li>"
            "<li>依托院士团队引进武汉大学工业技术研究院咸宁分院等平台。</li></ul>"
        ),
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": ["武汉大学", "武汉大学工业技术研究院"],
        "start_date": year_start(2025),
        "start_precision": DatePrecision.YEAR,
        "milestones": [
            {"title": "正式运营", "date": year_start(2025), "precision": DatePrecision.YEAR, "is_done": True},
        ],
    },
    {
        "name": "咸宁（武汉）离岸科创园",
        "short_name": "离岸科创园",
        "kind": Project.Kind.PARK,
        "stage": Project.Stage.OPERATING,
        "region": WUHAN,
        "other_regions": [CITY],
        "topics": ["离岸科创"],
        "summary": "咸宁设在武汉的“研发飞地”：在武汉搞研发，到咸宁做转化。",
        "body": (
            "<p>咸宁本地研发资源有限，于是把研发环节放到武汉，产业化放回咸宁。到2025年：</p>"
            "<ul><li>签约企业205家，入驻科技企业103家；</li>"
            "<li>2家省级实验室在咸宁落地；</li>"
            "<li>与23所高校深度合作；</li>"
            "<li>82家企业在咸宁建设生产基地，投资合计50亿元。</li></ul>"
        ),
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [],
    },
    {
        "name": "园区联合贷",
        "short_name": "",
        "kind": Project.Kind.FINANCE,
        "stage": Project.Stage.OPERATING,
        "region": ZONE,
        "other_regions": [],
        "topics": ["科技金融"],
        "summary": "咸宁高新区推出的全省首个园区联合贷款产品，单笔无抵押信用贷款最高1000万元。",
        "body": (
            "<p>科技型企业缺少抵押物、融资难，这款产品不要抵押，凭信用放款，"
            "每笔最多可贷1000万元。它在湖北省属首创。</p>"
        ),
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [],
    },
    {
        "name": "湖北咸宁高新产业区域母基金",
        "short_name": "区域母基金",
        "kind": Project.Kind.FUND,
        "stage": Project.Stage.OPERATING,
        "region": CITY,
        "other_regions": [],
        "topics": ["科技金融"],
        "summary": "总规模30亿元的产业母基金，2025年启动，预计带动150亿元社会资本。",
        "body": "<p>基金通过设立子基金和直接投资项目两条路径，覆盖全市各产业；按测算可撬动社会资本约150亿元。</p>",
        "investment": Decimal("3000000000"),
        "investment_text": "30亿元",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": year_start(2025),
        "start_precision": DatePrecision.YEAR,
        "milestones": [
            {"title": "基金正式启航", "date": year_start(2025), "precision": DatePrecision.YEAR, "is_done": True},
        ],
    },
    {
        "name": "一号种子投资基金",
        "short_name": "“一号种子”基金",
        "kind": Project.Kind.FUND,
        "stage": Project.Stage.OPERATING,
        "region": ZONE,
        "other_regions": [],
        "topics": ["科技金融"],
        "summary": "咸宁高新区探索设立的5000万元种子基金，专投种子期、初创期项目。",
        "body": "<p>基金规模5000万元，坚持早投、小投、投科技，只看处在种子期和初创期的项目。</p>",
        "investment": Decimal("50000000"),
        "investment_text": "5000万元",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [],
    },
    {
        "name": "赤壁市“创新型中小企业—制造业单项冠军”双向培育快车道",
        "short_name": "双向培育快车道",
        "kind": Project.Kind.PROGRAMME,
        "stage": Project.Stage.OPERATING,
        "region": "赤壁市",
        "other_regions": [],
        "topics": ["科技服务"],
        "summary": "赤壁市为企业成长搭的梯子：从创新型中小企业一路培育到制造业单项冠军。",
        "body": "<p>赤壁市把创新型中小企业和制造业单项冠军两头的培育工作打通，形成一条双向的成长通道。</p>",
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [],
    },
    {
        "name": "通山县“1+7+N”地网服务体系",
        "short_name": "“1+7+N”地网服务体系",
        "kind": Project.Kind.SERVICE,
        "stage": Project.Stage.OPERATING,
        "region": "通山县",
        "other_regions": [],
        "topics": ["科技服务"],
        "summary": "通山县的基层科技服务网络，接入全市科创供应链。",
        "body": "<p>通山县以“1+7+N”的结构铺开地网式服务，让县里的企业也能用上全市的科创供应链资源。</p>",
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [],
    },
    {
        "name": "嘉鱼县“两院三中心”平台",
        "short_name": "“两院三中心”平台",
        "kind": Project.Kind.PLATFORM,
        "stage": Project.Stage.OPERATING,
        "region": "嘉鱼县",
        "other_regions": [],
        "topics": ["农业科技"],
        "summary": "嘉鱼县与科研院所共建的农业科研平台，2025年选育出3个甘蓝新品种。",
        "body": (
            "<p>平台由嘉鱼县和科研院所联合建设，湖北省农业科学院专家焦忠久在县蔬菜科技馆一线指导。</p>"
            "<ul><li>试种新品种2700余个；</li>"
            "<li>育成绿玉、冬绿、392三个高产、抗逆的甘蓝品种；</li>"
            "<li>新品种累计推广4.2万亩，良种覆盖率达到98%。</li></ul>"
        ),
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": ["湖北省农业科学院"],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [],
    },
    {
        "name": "崇阳县高分子材料产业集群",
        "short_name": "",
        "kind": Project.Kind.CLUSTER,
        "stage": Project.Stage.OPERATING,
        "region": "崇阳县",
        "other_regions": [],
        "topics": ["新材料"],
        "summary": "2025年9月启动，覆盖材料研发、循环再生和终端产品制造的完整链条。",
        "body": "<p>集群从上游的基础材料研发做起，中间有绿色循环再生，下游延伸到终端制造，一条链都在崇阳。</p>",
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": month(2025, 9),
        "start_precision": DatePrecision.MONTH,
        "milestones": [
            {"title": "集群启动仪式", "date": month(2025, 9), "precision": DatePrecision.MONTH, "is_done": True},
        ],
    },
    {
        "name": "武汉大学机器人学院水下具身智能研究中心",
        "short_name": "水下具身智能研究中心",
        "kind": Project.Kind.RESEARCH,
        "stage": Project.Stage.OPERATING,
        "region": "赤壁市",
        "other_regions": [],
        "topics": ["未来产业"],
        "summary": "武汉大学机器人学院设在咸宁中试谷（赤壁）基地的研究中心，2025年10月揭牌。",
        "body": "<p>研究中心面向水下机器人和具身智能，落在赤壁的中试基地，是咸宁布局未来产业的一步。</p>",
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": "武汉大学机器人学院",
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": month(2025, 10),
        "start_precision": DatePrecision.MONTH,
        "milestones": [
            {"title": "研究中心揭牌", "date": month(2025, 10), "precision": DatePrecision.MONTH, "is_done": True},
        ],
    },
    {
        "name": "湖北高斯算电推理集群",
        "short_name": "咸宁智算中心",
        "kind": Project.Kind.INFRASTRUCTURE,
        "stage": Project.Stage.BUILDING,
        "region": ZONE,
        "other_regions": [],
        "topics": ["算力"],
        "summary": "北京高斯算电有限公司投资3亿元在咸宁高新区建设，规划500张GPU卡、1000P算力。",
        "body": (
            "<p>项目建成后即咸宁智算中心，为产业的智能化、数字化和绿色化提供算力。</p>"
            "<ul><li>投资方：北京高斯算电有限公司，投资3亿元；</li>"
            "<li>计划部署500张先进GPU卡，算力规模1000P；</li>"
            "<li>设备安装联调预计2025年底完成，集群预计2026年1月点亮。</li></ul>"
        ),
        "investment": Decimal("300000000"),
        "investment_text": "3亿元",
        "operator": "北京高斯算电有限公司",
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [
            {
                "title": "完成设备安装联调",
                "date": month(2025, 12),
                "precision": DatePrecision.MONTH,
                "is_done": False,
                "description": "计划在2025年底前完成。",
            },
            {"title": "集群点亮", "date": month(2026, 1), "precision": DatePrecision.MONTH, "is_done": False},
        ],
    },
    {
        "name": "咸宁高新区“管委会+公司”运营模式改革",
        "short_name": "“管委会+公司”改革",
        "kind": Project.Kind.REFORM,
        "stage": Project.Stage.OPERATING,
        "region": ZONE,
        "other_regions": [],
        "topics": ["科技服务"],
        "summary": "高新区组建产业园办、打破部门和身份界限，过半干部职工转到一线。",
        "body": (
            "<p>改革后，高新区以“管委会+公司”方式运营，新设产业园办；"
            "一半以上的干部职工下到一线，专门做招商、创新和项目建设。</p>"
        ),
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [],
    },
    {
        "name": "咸安区产业“工程师工作室”",
        "short_name": "工程师工作室",
        "kind": Project.Kind.SERVICE,
        "stage": Project.Stage.OPERATING,
        "region": "咸安区",
        "other_regions": [],
        "topics": ["科技服务"],
        "summary": "咸安区按产业设立的四个工程师工作室，把专业技术力量直接送到企业。",
        "body": (
            "<p>工作室按产业设置，包括生物医药、机电制造等，共四个。"
            "到2025年7月，已促成8项关键技术突破，为企业降本增效超过1000万元。</p>"
        ),
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [
            {
                "title": "累计带动8项关键技术突破",
                "date": month(2025, 7),
                "precision": DatePrecision.MONTH,
                "is_done": True,
            },
        ],
    },
    {
        "name": "武汉大学工业技术研究院咸宁分院",
        "short_name": "武大工研院咸宁分院",
        "kind": Project.Kind.RESEARCH,
        "stage": Project.Stage.OPERATING,
        "region": CITY,
        "other_regions": [],
        "topics": ["人才引育"],
        "summary": "咸宁科技创新中心依托院士团队引进的高能级平台之一。",
        "body": "<p>分院由武汉大学工业技术研究院设立，是咸宁科技创新中心借助顶尖人才引进的平台。</p>",
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": "武汉大学工业技术研究院",
        "partner_enterprises": [],
        "partner_institutions": [],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [],
    },
    {
        "name": "通城县柔性引才",
        "short_name": "柔性引才",
        "kind": Project.Kind.TALENT,
        "stage": Project.Stage.OPERATING,
        "region": "通城县",
        "other_regions": [],
        "topics": ["人才引育"],
        "summary": "通城县不求所有、但求所用，柔性引进高校院所专家35人。",
        "body": (
            "<p>专家来自中国科学院、武汉大学等单位。</p>"
            "<ul><li>引进专家教授35人，组建合作团队20个；</li>"
            "<li>输送专利技术463项；</li><li>完成成果转化64项。</li></ul>"
        ),
        "investment": None,
        "investment_text": "",
        "operator": None,
        "operator_institution": None,
        "partner_enterprises": [],
        "partner_institutions": ["中国科学院", "武汉大学"],
        "start_date": None,
        "start_precision": DatePrecision.YEAR,
        "milestones": [],
    },
]

ALL_REGION_NAMES = [region["name"] for region in REGIONS]

REVIEW_SLUG = "2025-ke-ji-chuang-xin-shi-xian-xin-tu-po"

REVIEW = {
    "slug": REVIEW_SLUG,
    "kind": Article.Kind.REVIEW,
    "title": "科技创新实现新突破",
    "series": "奋发有为 这一年",
    "subtitle": "",
    # Our summary of the newspaper's review: signed by the portal, the newspaper and its reporters credited.
    "byline": "",
    "source": "",
    "based_on": {
        "based_on_publication": "咸宁日报",
        "based_on_publication_en": "Xianning Daily",
        "based_on_date": month(YEAR, 11),
        "based_on_date_precision": DatePrecision.MONTH,
        "based_on_authors": "记者 谭宏宇 通讯员 罗奇",
    },
    "year": YEAR,
    "published_at": PUBLISHED_AT,
    "lead": (
        "习近平总书记2024年11月到咸宁考察，至今已满一年。这一年，咸宁把科技创新和产业创新摆在前面，"
        "围绕以应用为导向的科技创新供应链平台，重塑产业链、抬升价值链。"
        "下面从格局、突破、生态三个方面盘点全年成绩。"
    ),
    "body": "",
    "regions": ALL_REGION_NAMES,
    "topics": [topic["name"] for topic in TOPICS],
    "projects": [project["name"] for project in PROJECTS],
    "enterprises": [enterprise["name"] for enterprise in ENTERPRISES],
    "institutions": [institution["name"] for institution in INSTITUTIONS],
    "people": [person["name"] for person in PEOPLE],
    "sections": [
        {
            "order": 1,
            "label": "新格局",
            "heading": "打造区域协同创新样本",
            "body": (
                "<p>2025年，咸宁高新区的咸宁科技创新中心开始运营，与武汉的离岸科创园一内一外、相互配合。"
                "武汉大学等4所高校在中心共建研究院，8家企业签约入驻，另有54家科创企业和10家金融机构进驻。</p>"
                "<p>离岸科创园走“武汉研发、咸宁转化”的路子：</p>"
                "<ul><li>签约企业205家，入驻科技企业103家；</li>"
                "<li>2家省级实验室落户咸宁，合作高校23所；</li>"
                "<li>82家企业在咸宁建生产基地，投资合计50亿元。</li></ul>"
                "<p>资金和政策同步跟上：</p>"
                "<ul><li>咸宁高新区推出全省首个“园区联合贷”，每笔无抵押信用贷款最多1000万元；</li>"
                "<li>30亿元的湖北咸宁高新产业区域母基金启动，子基金与直投并行，预计带动社会资本150亿元；</li>"
                "<li>高新区另设5000万元的“一号种子”投资基金，只投种子期和初创期项目；</li>"
                "<li>赤壁市打通创新型中小企业与制造业单项冠军之间的双向培育通道；</li>"
                "<li>通山县搭起“1+7+N”地网服务体系，接入全市科创供应链。</li></ul>"
            ),
        },
        {
            "order": 2,
            "label": "新突破",
            "heading": "从技术攻坚到产业升级",
            "body": (
                "<p>农业上，嘉鱼县与科研院所共建“两院三中心”平台，湖北省农业科学院专家焦忠久驻点指导。"
                "全年试种新品种2700余个，育成绿玉、冬绿、392三个高产抗逆甘蓝品种，"
                "推广累计4.2万亩，良种覆盖率98%。</p>"
                "<p>工业上，多家企业拿下关键技术：</p>"
                "<ul><li>湖北中科华冶新材料科技有限公司的特种电磁线产能同比增长50%，"
                "正进入新能源汽车领域，目标2028年产值突破10亿元；</li>"
                "<li>湖北世丰新材料有限公司联合武汉理工大学，解决医用聚氨酯的生物相容性问题，"
                "达到国内先进水平；</li>"
                "<li>湖北穿石智能电器有限公司用七年时间攻下水尘环流清洁技术；</li>"
                "<li>赤壁的维达力科技股份有限公司改造手机后盖板产线，实现全自动，不少工序产能提高30%以上。</li></ul>"
                "<p>面向未来：9月，崇阳县高分子材料产业集群启动，链条从材料研发、循环再生一直延伸到终端产品；"
                "10月，武汉大学机器人学院的水下具身智能研究中心在赤壁的咸宁中试谷基地挂牌。</p>"
            ),
        },
        {
            "order": 3,
            "label": "新生态",
            "heading": "构筑创新发展强力支撑",
            "body": (
                "<p>算力：北京高斯算电有限公司出资3亿元，在咸宁高新区建设湖北高斯算电推理集群，"
                "即咸宁智算中心，规划部署500张先进GPU卡、形成1000P算力；"
                "设备安装联调预计2025年底完成，2026年1月点亮。</p>"
                "<p>服务机制：</p>"
                "<ul><li>咸宁高新区推行“管委会+公司”运营模式，组建产业园办，过半干部职工转到招商、创新和项目一线；</li>"
                "<li>咸安区按产业设了四个“工程师工作室”（生物医药、机电制造等），到2025年7月已促成8项关键技术突破，"
                "为企业降本增效超千万元。</li></ul>"
                "<p>人才：咸宁科技创新中心借助院士团队，引进武汉大学工业技术研究院咸宁分院等平台；"
                "通城县以柔性方式引进中国科学院、武汉大学等单位的专家教授35人，组建合作团队20个，"
                "转移专利技术463项，转化成果64项。</p>"
            ),
        },
    ],
}

NEWS = [
    {
        "slug": "2025-09-chong-yang-gao-fen-zi-cai-liao-chan-ye-ji-qun-qi-dong",
        "kind": Article.Kind.NEWS,
        "title": "崇阳县高分子材料产业集群启动",
        "series": "",
        "subtitle": "",
        "byline": "",
        "source": "科创门户综合",
        "year": None,
        "published_at": datetime.datetime(2025, 9, 30, 9, 0, tzinfo=CST),
        "lead": "9月，崇阳县为高分子材料产业集群举行启动仪式，一条从研发到终端产品的产业链在县里成形。",
        "body": (
            "<p>集群的上游是基础材料研发，中段是绿色循环再生，下游是终端制造。"
            "三段都放在崇阳，形成一条完整的产业链。</p>"
        ),
        "regions": ["崇阳县"],
        "topics": ["新材料"],
        "projects": ["崇阳县高分子材料产业集群"],
        "enterprises": [],
        "institutions": [],
        "people": [],
    },
    {
        "slug": "2025-10-shui-xia-ju-shen-zhi-neng-yan-jiu-zhong-xin-jie-pai",
        "kind": Article.Kind.NEWS,
        "title": "武大水下具身智能研究中心在赤壁揭牌",
        "series": "",
        "subtitle": "",
        "byline": "",
        "source": "科创门户综合",
        "year": None,
        "published_at": datetime.datetime(2025, 10, 31, 9, 0, tzinfo=CST),
        "lead": "10月，武汉大学机器人学院把一个研究水下具身智能的中心放在了咸宁中试谷（赤壁）基地。",
        "body": (
            "<p>研究中心由武汉大学机器人学院设立，方向是水下机器人与具身智能。"
            "中心设在赤壁的中试基地，是咸宁面向未来产业的一项布局。</p>"
        ),
        "regions": ["赤壁市"],
        "topics": ["未来产业"],
        "projects": ["武汉大学机器人学院水下具身智能研究中心"],
        "enterprises": [],
        "institutions": ["武汉大学", "武汉大学机器人学院"],
        "people": [],
    },
    {
        "slug": "2025-11-xian-ning-zhi-suan-zhong-xin-ji-hua-dian-liang",
        "kind": Article.Kind.NEWS,
        "title": "咸宁智算中心计划2026年1月点亮",
        "series": "",
        "subtitle": "",
        "byline": "",
        "source": "科创门户综合",
        "year": None,
        "published_at": datetime.datetime(2025, 11, 20, 9, 0, tzinfo=CST),
        "lead": "由北京高斯算电有限公司投资3亿元的推理集群正在咸宁高新区建设，目标算力1000P。",
        "body": (
            "<p>湖北高斯算电推理集群计划装配500张先进GPU卡。按计划，设备安装联调在2025年底前完成，"
            "集群在2026年1月点亮，届时咸宁智算中心将为本地产业提供算力。</p>"
        ),
        "regions": [ZONE],
        "topics": ["算力"],
        "projects": ["湖北高斯算电推理集群"],
        "enterprises": ["北京高斯算电有限公司"],
        "institutions": [],
        "people": [],
    },
]

ARTICLES = [REVIEW, *NEWS]


@dataclass(frozen=True)
class Figure:
    """One key figure: ``text`` exactly as the article writes it, ``value`` in the base ``unit``."""

    label: str
    text: str
    value: str
    unit: str
    qualifier: str = ""
    bound: str = KeyFigure.Bound.EXACT
    # Whether it adds up (achievements/kinds.py), and with what: figures of one measure, kind and unit.
    kind: str = KeyFigure.Kind.UNMARKED
    measure: str = ""
    is_target: bool = False
    region: str | None = None  # None: the achievement's region
    as_of: datetime.date | None = None
    as_of_precision: str = DatePrecision.MONTH
    is_featured: bool = False

    @property
    def decimal_value(self) -> Decimal:
        return Decimal(self.value)


AT_LEAST = KeyFigure.Bound.AT_LEAST
AT_MOST = KeyFigure.Bound.AT_MOST
STOCK, FLOW, RATE, CEILING = KeyFigure.Kind.STOCK, KeyFigure.Kind.FLOW, KeyFigure.Kind.RATE, KeyFigure.Kind.CEILING
JULY_2025 = month(2025, 7)
JANUARY_2026 = month(2026, 1)

ACHIEVEMENTS = [
    {
        "slug": "2025-xian-ning-ke-chuang-zhong-xin-yun-ying",
        "title": "咸宁科技创新中心正式运营",
        "category": Achievement.Category.PLATFORM,
        "region": ZONE,
        "date": year_start(2025),
        "date_precision": DatePrecision.YEAR,
        "section": 1,
        "summary": "中心投入运营，高校、企业和金融机构陆续入驻。",
        "projects": ["咸宁科技创新中心"],
        "enterprises": [],
        "institutions": ["武汉大学"],
        "figures": [
            Figure("共建研究院的高校", "4所", "4", "所", kind=STOCK, measure="合作高校数"),
            Figure("签约入驻企业", "8家", "8", "家", kind=STOCK, measure="入驻企业数"),
            Figure("引入科创企业", "54家", "54", "家", is_featured=True, kind=STOCK, measure="引进科创企业数"),
            Figure("引入金融机构", "10家", "10", "家", kind=STOCK, measure="引进金融机构数"),
        ],
    },
    {
        "slug": "2025-li-an-ke-chuang-yuan",
        "title": "离岸科创园：武汉研发、咸宁转化",
        "category": Achievement.Category.PLATFORM,
        "region": CITY,
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 1,
        "summary": "“研发飞地”模式吸引企业签约入驻，带动企业回咸宁建厂。",
        "projects": ["咸宁（武汉）离岸科创园"],
        "enterprises": [],
        "institutions": [],
        "figures": [
            Figure(
                "离岸科创园签约企业",
                "205家",
                "205",
                "家",
                region=WUHAN,
                is_featured=True,
                kind=STOCK,
                measure="签约企业数",
            ),
            Figure("离岸科创园入驻科技企业", "103家", "103", "家", region=WUHAN, kind=STOCK, measure="入驻企业数"),
            Figure("扎根咸宁的省级实验室", "2家", "2", "家", kind=STOCK, measure="省级实验室数"),
            Figure("深度合作高校", "23所", "23", "所", kind=STOCK, measure="合作高校数"),
            Figure("在咸宁建设生产基地的企业", "82家", "82", "家", kind=STOCK, measure="建设生产基地的企业数"),
            Figure(
                "生产基地总投资额",
                "50亿元",
                "5000000000",
                "元",
                qualifier="达",
                is_featured=True,
                kind=STOCK,
                measure="总投资",
            ),
        ],
    },
    {
        "slug": "2025-yuan-qu-lian-he-dai",
        "title": "全省首个“园区联合贷”落地咸宁高新区",
        "category": Achievement.Category.FINANCE,
        "region": ZONE,
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 1,
        "summary": "面向科技型企业的无抵押信用贷款，缓解融资难。",
        "projects": ["园区联合贷"],
        "enterprises": [],
        "institutions": [],
        "figures": [
            Figure(
                "单笔无抵押信用贷款额度",
                "1000万元",
                "10000000",
                "元",
                qualifier="最高",
                bound=AT_MOST,
                kind=CEILING,
                measure="单笔贷款额度",
            ),
        ],
    },
    {
        "slug": "2025-qu-yu-mu-ji-jin-qi-hang",
        "title": "30亿元区域母基金启航",
        "category": Achievement.Category.FINANCE,
        "region": CITY,
        "date": year_start(2025),
        "date_precision": DatePrecision.YEAR,
        "section": 1,
        "summary": "母基金以子基金加项目直投的方式覆盖全市产业。",
        "projects": ["湖北咸宁高新产业区域母基金"],
        "enterprises": [],
        "institutions": [],
        "figures": [
            Figure("区域母基金总规模", "30亿元", "3000000000", "元", is_featured=True, kind=STOCK, measure="基金规模"),
            Figure(
                "预计撬动社会资本",
                "150亿元",
                "15000000000",
                "元",
                qualifier="预计",
                is_target=True,
                kind=FLOW,
                measure="撬动社会资本",
            ),
        ],
    },
    {
        "slug": "2025-yi-hao-zhong-zi-ji-jin",
        "title": "“一号种子”投资基金设立",
        "category": Achievement.Category.FINANCE,
        "region": ZONE,
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 1,
        "summary": "高新区的种子基金，投早、投小、投科技。",
        "projects": ["一号种子投资基金"],
        "enterprises": [],
        "institutions": [],
        "figures": [
            Figure("“一号种子”投资基金规模", "5000万元", "50000000", "元", kind=STOCK, measure="基金规模"),
        ],
    },
    {
        "slug": "2025-chi-bi-shuang-xiang-pei-yu",
        "title": "赤壁市建立企业双向培育快车道",
        "category": Achievement.Category.SERVICE_REFORM,
        "region": "赤壁市",
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 1,
        "summary": "打通从创新型中小企业到制造业单项冠军的培育通道。",
        "projects": ["赤壁市“创新型中小企业—制造业单项冠军”双向培育快车道"],
        "enterprises": [],
        "institutions": [],
        "figures": [],
    },
    {
        "slug": "2025-tong-shan-di-wang-fu-wu-ti-xi",
        "title": "通山县构建“1+7+N”地网服务体系",
        "category": Achievement.Category.SERVICE_REFORM,
        "region": "通山县",
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 1,
        "summary": "县级科技服务网络接入全市科创供应链。",
        "projects": ["通山县“1+7+N”地网服务体系"],
        "enterprises": [],
        "institutions": [],
        "figures": [],
    },
    {
        "slug": "2025-jia-yu-gan-lan-xin-pin-zhong",
        "title": "嘉鱼县育成3个甘蓝新品种",
        "category": Achievement.Category.AGRICULTURE,
        "region": "嘉鱼县",
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 2,
        "summary": "“两院三中心”平台试种大批新品种，绿玉、冬绿、392三个甘蓝品种推广开来。",
        "projects": ["嘉鱼县“两院三中心”平台"],
        "enterprises": [],
        "institutions": ["湖北省农业科学院"],
        "figures": [
            Figure(
                "试验新品种",
                "2700余个",
                "2700",
                "个",
                qualifier="余",
                bound=AT_LEAST,
                kind=FLOW,
                measure="试种新品种数",
            ),
            Figure("选育甘蓝新品种", "3个", "3", "个", kind=FLOW, measure="育成新品种数"),
            Figure(
                "新品种累计推广面积",
                "4.2万亩",
                "42000",
                "亩",
                qualifier="累计",
                is_featured=True,
                kind=STOCK,
                measure="推广面积",
            ),
            Figure("良种覆盖率", "98%", "98", "%", qualifier="达", is_featured=True, kind=RATE),
        ],
    },
    {
        "slug": "2025-zhong-ke-hua-ye-te-zhong-dian-ci-xian",
        "title": "中科华冶特种电磁线扩产",
        "category": Achievement.Category.ENTERPRISE,
        "region": CITY,
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 2,
        "summary": "产能大幅提升，并瞄准新能源汽车市场。",
        "projects": [],
        "enterprises": ["湖北中科华冶新材料科技有限公司"],
        "institutions": [],
        "figures": [
            Figure("中科华冶产能同比增长", "50%", "50", "%", kind=RATE),
            Figure(
                "中科华冶2028年产值目标",
                "10亿元",
                "1000000000",
                "元",
                qualifier="突破",
                bound=AT_LEAST,
                is_target=True,
                as_of=year_start(2028),
                as_of_precision=DatePrecision.YEAR,
                kind=FLOW,
                measure="年产值",
            ),
        ],
    },
    {
        "slug": "2025-shi-feng-yi-yong-ju-an-zhi",
        "title": "世丰新材料攻克医用聚氨酯生物相容性",
        "category": Achievement.Category.RESEARCH,
        "region": CITY,
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 2,
        "summary": "校企联合攻关，技术达到国内先进水平。",
        "projects": [],
        "enterprises": ["湖北世丰新材料有限公司"],
        "institutions": ["武汉理工大学"],
        "figures": [],
    },
    {
        "slug": "2025-chuan-shi-shui-chen-huan-liu-qing-jie",
        "title": "穿石智能突破水尘环流清洁技术",
        "category": Achievement.Category.RESEARCH,
        "region": CITY,
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 2,
        "summary": "七年持续投入，解决了一项受制于人的关键技术。",
        "projects": [],
        "enterprises": ["湖北穿石智能电器有限公司"],
        "institutions": [],
        "figures": [],
    },
    {
        "slug": "2025-wei-da-li-hou-gai-ban-zi-dong-hua",
        "title": "维达力手机后盖板产线全面自动化",
        "category": Achievement.Category.INDUSTRY,
        "region": "赤壁市",
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 2,
        "summary": "技改之后产线实现全自动，多道工序产能明显提高。",
        "projects": [],
        "enterprises": ["维达力科技股份有限公司"],
        "institutions": [],
        "figures": [
            Figure("后盖板产线工序产能提升", "30%以上", "30", "%", qualifier="以上", bound=AT_LEAST, kind=RATE),
        ],
    },
    {
        "slug": "2025-chong-yang-gao-fen-zi-cai-liao-ji-qun",
        "title": "崇阳县高分子材料产业集群启动",
        "category": Achievement.Category.INDUSTRY,
        "region": "崇阳县",
        "date": month(2025, 9),
        "date_precision": DatePrecision.MONTH,
        "section": 2,
        "summary": "从材料研发、循环再生到终端制造，全链条在崇阳集聚。",
        "projects": ["崇阳县高分子材料产业集群"],
        "enterprises": [],
        "institutions": [],
        "figures": [],
    },
    {
        "slug": "2025-shui-xia-ju-shen-zhi-neng-yan-jiu-zhong-xin",
        "title": "水下具身智能研究中心落户赤壁",
        "category": Achievement.Category.RESEARCH,
        "region": "赤壁市",
        "date": month(2025, 10),
        "date_precision": DatePrecision.MONTH,
        "section": 2,
        "summary": "武汉大学机器人学院的研究中心在咸宁中试谷（赤壁）基地挂牌。",
        "projects": ["武汉大学机器人学院水下具身智能研究中心"],
        "enterprises": [],
        "institutions": ["武汉大学机器人学院"],
        "figures": [],
    },
    {
        "slug": "2025-gao-si-suan-dian-tui-li-ji-qun",
        "title": "咸宁智算中心开建",
        "category": Achievement.Category.COMPUTING,
        "region": ZONE,
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 3,
        "summary": "湖北高斯算电推理集群落户咸宁高新区，计划2026年1月点亮。",
        "projects": ["湖北高斯算电推理集群"],
        "enterprises": ["北京高斯算电有限公司"],
        "institutions": [],
        "figures": [
            Figure("推理集群投资", "3亿元", "300000000", "元", kind=STOCK, measure="总投资"),
            Figure(
                "计划部署GPU计算卡",
                "500张",
                "500",
                "张",
                qualifier="计划",
                is_target=True,
                as_of=JANUARY_2026,
                kind=STOCK,
                measure="GPU计算卡数",
            ),
            Figure(
                "咸宁智算中心算力",
                "1000P",
                "1000",
                "P",
                qualifier="计划",
                is_target=True,
                as_of=JANUARY_2026,
                is_featured=True,
                kind=STOCK,
                measure="算力规模",
            ),
        ],
    },
    {
        "slug": "2025-guan-wei-hui-gong-si-gai-ge",
        "title": "咸宁高新区“管委会+公司”运营模式改革",
        "category": Achievement.Category.SERVICE_REFORM,
        "region": ZONE,
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 3,
        "summary": "打破部门和身份壁垒，人员向招商、创新、项目一线集中。",
        "projects": ["咸宁高新区“管委会+公司”运营模式改革"],
        "enterprises": [],
        "institutions": [],
        "figures": [
            Figure("下沉一线的干部职工比例", "一半", "50", "%", qualifier="超过", bound=AT_LEAST, kind=RATE),
        ],
    },
    {
        "slug": "2025-xian-an-gong-cheng-shi-gong-zuo-shi",
        "title": "咸安区产业“工程师工作室”助企攻关",
        "category": Achievement.Category.SERVICE_REFORM,
        "region": "咸安区",
        "date": JULY_2025,
        "date_precision": DatePrecision.MONTH,
        "section": 3,
        "summary": "按产业设立的工作室把技术力量送进企业，见到了实效。",
        "projects": ["咸安区产业“工程师工作室”"],
        "enterprises": [],
        "institutions": [],
        "figures": [
            Figure("产业工程师工作室", "四个", "4", "个", as_of=JULY_2025, kind=STOCK, measure="工程师工作室数"),
            Figure("带动关键技术突破", "8项", "8", "项", as_of=JULY_2025, kind=STOCK, measure="关键技术突破数"),
            Figure(
                "为企业降本增效",
                "超千万元",
                "10000000",
                "元",
                qualifier="超",
                bound=AT_LEAST,
                as_of=JULY_2025,
                kind=STOCK,
                measure="降本增效金额",
            ),
        ],
    },
    {
        "slug": "2025-wu-da-gong-yan-yuan-xian-ning-fen-yuan",
        "title": "武汉大学工业技术研究院咸宁分院引进落地",
        "category": Achievement.Category.TALENT,
        "region": CITY,
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 3,
        "summary": "咸宁科技创新中心依托院士团队引进的高能级平台。",
        "projects": ["武汉大学工业技术研究院咸宁分院", "咸宁科技创新中心"],
        "enterprises": [],
        "institutions": ["武汉大学工业技术研究院"],
        "figures": [],
    },
    {
        "slug": "2025-tong-cheng-rou-xing-yin-cai",
        "title": "通城县柔性引才见成效",
        "category": Achievement.Category.TALENT,
        "region": "通城县",
        "date": None,
        "date_precision": DatePrecision.DAY,
        "section": 3,
        "summary": "引进高校院所专家组建团队，专利和成果加快在通城落地。",
        "projects": ["通城县柔性引才"],
        "enterprises": [],
        "institutions": ["中国科学院", "武汉大学"],
        "figures": [
            Figure("柔性引进专家教授", "35人", "35", "人", kind=FLOW, measure="引进专家数"),
            Figure("合作组建团队", "20个", "20", "个", kind=FLOW, measure="组建团队数"),
            Figure("输送专利技术", "463项", "463", "项", is_featured=True, kind=FLOW, measure="输送专利数"),
            Figure("完成成果转化", "64项", "64", "项", kind=FLOW, measure="成果转化数"),
        ],
    },
]


# Demo pictures, drawn by demo/artwork.py; "for" names the article (by slug), project or enterprise they illustrate.
ARTWORK = [
    {
        "for": ("article", REVIEW_SLUG),
        "title": "年度回顾封面：科技创新实现新突破",
        "alt_text": "蓝绿渐变背景上的城市天际线与电路线条，写着“科技创新 新突破”",
        "caption": "2025年咸宁科技创新年度回顾",
        "text": "科技创新 新突破",
        "colours": ("#0b4f8a", "#0e8f7e", "#f5b642"),
    },
    {
        "for": ("project", "咸宁科技创新中心"),
        "title": "咸宁科技创新中心示意图",
        "alt_text": "深蓝色背景上的楼群剪影与发光线条，写着“咸宁科技创新中心”",
        "caption": "咸宁科技创新中心（示意）",
        "text": "咸宁科技创新中心",
        "colours": ("#102a6b", "#2f6fd6", "#6ee7f9"),
    },
    {
        "for": ("project", "咸宁（武汉）离岸科创园"),
        "title": "离岸科创园示意图",
        "alt_text": "紫蓝渐变背景上的两组楼群与连接线，写着“离岸科创园”",
        "caption": "咸宁（武汉）离岸科创园（示意）",
        "text": "离岸科创园",
        "colours": ("#3b1f78", "#2563eb", "#f472b6"),
    },
    {
        "for": ("project", "湖北高斯算电推理集群"),
        "title": "咸宁智算中心示意图",
        "alt_text": "墨绿到深蓝的渐变背景上整齐的线条，像机房中的服务器，写着“咸宁智算中心”",
        "caption": "湖北高斯算电推理集群（咸宁智算中心，示意）",
        "text": "咸宁智算中心 1000P",
        "colours": ("#062f2b", "#0f3d6e", "#34d399"),
    },
    {
        "for": ("project", "嘉鱼县“两院三中心”平台"),
        "title": "嘉鱼县“两院三中心”平台示意图",
        "alt_text": "嫩绿到深绿的渐变背景，像一片菜田，写着“良种选育”",
        "caption": "嘉鱼县“两院三中心”平台（示意）",
        "text": "良种选育 4.2万亩",
        "colours": ("#3f8f3a", "#14532d", "#facc15"),
    },
    {
        "for": ("project", "崇阳县高分子材料产业集群"),
        "title": "崇阳县高分子材料产业集群示意图",
        "alt_text": "橙红渐变背景上的圆形与线条，写着“高分子材料”",
        "caption": "崇阳县高分子材料产业集群（示意）",
        "text": "高分子材料 全产业链",
        "colours": ("#9a3412", "#7c2d12", "#fde68a"),
    },
    {
        "for": ("enterprise", "湖北中科华冶新材料科技有限公司"),
        "title": "中科华冶标志（示意）",
        "alt_text": "蓝色圆角方块中的环形图案，旁边写着“中科华冶”",
        "caption": "",
        "text": "中科华冶",
        "colours": ("#1d4ed8", "#0f766e", "#fbbf24"),
        "kind": "logo",
    },
    {
        "for": ("enterprise", "湖北世丰新材料有限公司"),
        "title": "世丰新材料标志（示意）",
        "alt_text": "绿色圆角方块中的环形图案，旁边写着“世丰新材料”",
        "caption": "",
        "text": "世丰新材料",
        "colours": ("#15803d", "#065f46", "#f87171"),
        "kind": "logo",
    },
    {
        "for": ("enterprise", "湖北穿石智能电器有限公司"),
        "title": "穿石智能标志（示意）",
        "alt_text": "紫色圆角方块中的环形图案，旁边写着“穿石智能”",
        "caption": "",
        "text": "穿石智能",
        "colours": ("#6d28d9", "#1e3a8a", "#67e8f9"),
        "kind": "logo",
    },
    {
        "for": ("enterprise", "维达力科技股份有限公司"),
        "title": "维达力标志（示意）",
        "alt_text": "橙色圆角方块中的环形图案，旁边写着“维达力”",
        "caption": "",
        "text": "维达力",
        "colours": ("#c2410c", "#9f1239", "#fde047"),
        "kind": "logo",
    },
]

# The footer of a government site. The office is the one the review is about; the address, phone and
# registration numbers are placeholders (marked 示例) for staff to replace in the admin's 网站信息.
SITE_SETTINGS = {
    "site_name": "科创门户",
    "organizer": "咸宁市科学技术局",
    "address": "湖北省咸宁市（示例地址，请在后台“网站信息”中修改）",
    "phone": "0715-0000000",
    "email": "kejiju@example.cn",
    "site_code": "0000000000（示例）",
    "icp_number": "鄂ICP备00000000号（示例）",
    "icp_url": "https://beian.miit.gov.cn/",
    "police_number": "鄂公网安备00000000000000号（示例）",
    "police_url": "https://beian.mps.gov.cn/",
}

# English titles and summaries for the English interface, keyed by the Chinese name (or slug); anything not
# listed here shows in Chinese there.
REGION_NAMES_EN = {
    CITY: "Xianning",
    ZONE: "Xianning High-tech Zone",
    "咸安区": "Xian'an District",
    "嘉鱼县": "Jiayu County",
    "赤壁市": "Chibi",
    "通城县": "Tongcheng County",
    "崇阳县": "Chongyang County",
    "通山县": "Tongshan County",
    WUHAN: "Wuhan",
}
TOPIC_NAMES_EN = {
    "离岸科创": "Offshore innovation",
    "科技金融": "Technology finance",
    "算力": "Computing power",
    "农业科技": "Agricultural technology",
    "人才引育": "Talent",
    "新材料": "New materials",
    "科技服务": "Technology services",
    "未来产业": "Industries of the future",
}
SECTOR_NAMES_EN = {
    "新材料": "New materials",
    "机电制造": "Electromechanical manufacturing",
    "电子信息": "Electronics and information",
    "数字经济": "Digital economy",
}
INSTITUTION_NAMES_EN = {
    "武汉大学": "Wuhan University",
    "武汉大学机器人学院": "School of Robotics, Wuhan University",
    "武汉大学工业技术研究院": "Institute of Industrial Technology, Wuhan University",
    "武汉理工大学": "Wuhan University of Technology",
    "湖北省农业科学院": "Hubei Academy of Agricultural Sciences",
    "中国科学院": "Chinese Academy of Sciences",
}
ENTERPRISES_EN = {
    "湖北中科华冶新材料科技有限公司": (
        "Hubei Zhongke Huaye New Materials Technology Co., Ltd.",
        "Makes special electromagnetic wire for the Internet of Things and wireless charging; its capacity grew "
        "by half in 2025 and it is moving into new-energy vehicles.",
    ),
    "湖北世丰新材料有限公司": (
        "Hubei Shifeng New Materials Co., Ltd.",
        "Solved the biocompatibility of medical polyurethane together with Wuhan University of Technology.",
    ),
    "湖北穿石智能电器有限公司": (
        "Hubei Chuanshi Intelligent Appliances Co., Ltd.",
        "After seven years of research it mastered water-and-dust circulation cleaning, a key technology.",
    ),
    "维达力科技股份有限公司": (
        "Vital Technology Co., Ltd.",
        "In Chibi; after a technical upgrade its phone back-cover lines are fully automated.",
    ),
    "北京高斯算电有限公司": (
        "Beijing Gauss Computing Power Co., Ltd.",
        "Brought to the Xianning High-tech Zone, where it is investing 300 million yuan in an inference cluster.",
    ),
}
PROJECTS_EN = {
    "咸宁科技创新中心": (
        "Xianning Science and Technology Innovation Centre",
        "The innovation complex of the Xianning High-tech Zone, in operation since 2025 and linked with the "
        "offshore innovation park in Wuhan.",
    ),
    "咸宁（武汉）离岸科创园": (
        "Xianning (Wuhan) Offshore Innovation Park",
        "Xianning's research outpost in Wuhan: research is done in Wuhan, and the results go into production in "
        "Xianning.",
    ),
    "园区联合贷": (
        "Park Joint Loan",
        "The province's first joint loan for enterprises in a park: unsecured credit of up to 10 million yuan.",
    ),
    "湖北咸宁高新产业区域母基金": (
        "Hubei Xianning High-tech Industry Regional Fund of Funds",
        "A 3-billion-yuan fund of funds launched in 2025, expected to attract 15 billion yuan of private capital.",
    ),
    "一号种子投资基金": (
        "Seed Fund No. 1",
        "A 50-million-yuan fund of the High-tech Zone for projects at the seed and start-up stages.",
    ),
    "湖北高斯算电推理集群": (
        "Hubei Gauss Computing Inference Cluster",
        "A 300-million-yuan inference cluster in the Xianning High-tech Zone, planned with 500 GPUs and 1000P of "
        "computing power.",
    ),
    "嘉鱼县“两院三中心”平台": (
        "Jiayu County “Two Institutes, Three Centres” Platform",
        "An agricultural research platform built with research institutes; it bred three new cabbage varieties "
        "in 2025.",
    ),
}
ARTICLES_EN = {
    REVIEW_SLUG: (
        "Science and technology innovation achieves new breakthroughs",
        "A year on from President Xi Jinping's visit to Xianning in November 2024, the city has put science, "
        "technology and industrial innovation first. This review looks back on the year's results: the new "
        "layout, the breakthroughs and the innovation ecosystem.",
    ),
}
