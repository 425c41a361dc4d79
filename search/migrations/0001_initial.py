import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("article", "文章"),
                            ("achievement", "成果与数据"),
                            ("project", "项目与平台"),
                            ("enterprise", "企业"),
                            ("institution", "机构"),
                        ],
                        max_length=20,
                        verbose_name="类型",
                    ),
                ),
                ("object_id", models.PositiveBigIntegerField(verbose_name="对象编号")),
                ("title", models.CharField(max_length=300, verbose_name="标题")),
                (
                    "aliases",
                    models.CharField(
                        blank=True,
                        help_text="以“|”分隔并首尾加“|”，便于整名匹配。",
                        max_length=500,
                        verbose_name="简称 / 别名",
                    ),
                ),
                ("summary", models.TextField(blank=True, verbose_name="摘要")),
                ("body", models.TextField(blank=True, verbose_name="正文（纯文本）")),
                ("tokens", models.TextField(blank=True, verbose_name="检索词元")),
                (
                    "weight",
                    models.FloatField(default=1.0, help_text="同等匹配时，权重高的排在前面。", verbose_name="权重"),
                ),
                ("url", models.CharField(max_length=500, verbose_name="网址")),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="年度")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="索引时间")),
                (
                    "region",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="regions.region",
                        verbose_name="地区",
                    ),
                ),
            ],
            options={
                "verbose_name": "搜索索引条目",
                "verbose_name_plural": "搜索索引条目",
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_unique_object")
                ],
            },
        ),
    ]
