"""Admin forms of key figures: the compact rows of an achievement's page, and the page where staff confirm the
figures proposed from an article."""

from decimal import Decimal

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from news.models import ArticleSection
from presentation.dates import FIRST_YEAR, LAST_YEAR
from presentation.numbers import format_exact
from presentation.text import highlight
from publishing.validators import web_address
from regions.models import Region

from .kinds import SHORT_LABELS, proposed_kind
from .models import Achievement, KeyFigure


class ProposedFigureForm(forms.Form):
    """One proposed figure: kept or not, with what staff corrected. Text and context travel as hidden fields."""

    keep = forms.BooleanField(label=_("保留"), required=False)
    label = forms.CharField(label=_("指标"), max_length=200, required=False)
    value = forms.DecimalField(label=_("数值"), max_digits=24, decimal_places=4)
    unit = forms.CharField(label=_("单位"), max_length=20, required=False)
    qualifier = forms.CharField(label=_("限定词"), max_length=20, required=False)
    is_target = forms.BooleanField(label=_("预期目标"), required=False)
    kind = forms.ChoiceField(label=_("指标类型"), choices=list(SHORT_LABELS.items()), required=False)
    year = forms.IntegerField(label=_("年度"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)
    region = forms.ModelChoiceField(label=_("地区"), queryset=Region.objects.all(), required=False)
    text = forms.CharField(max_length=50, widget=forms.HiddenInput)
    bound = forms.ChoiceField(choices=KeyFigure.Bound.choices, widget=forms.HiddenInput)
    as_of = forms.DateField(required=False, widget=forms.HiddenInput)
    as_of_precision = forms.CharField(required=False, widget=forms.HiddenInput)
    section = forms.IntegerField(required=False, widget=forms.HiddenInput)
    context = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = {section.pk: section for section in sections or []}
        for name in ("label", "unit", "qualifier"):
            self.fields[name].widget.attrs["size"] = 24 if name == "label" else 5
        self.fields["value"].widget.attrs["style"] = "width: 9em"
        self.fields["year"].widget.attrs["style"] = "width: 5em"

    def clean_section(self):
        section = self.cleaned_data.get("section")
        if section is not None and section not in self.sections:
            raise forms.ValidationError(_("章节不属于这篇文章，请刷新页面重试。"))
        return self.sections.get(section)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("keep") and not (cleaned.get("label") or "").strip():
            self.add_error("label", _("请填写这个数字统计的是什么。"))
        return cleaned

    def source(self) -> str:
        """Where the figure was found: a section's label, or the lead and body."""
        try:
            section = self.sections.get(int(self["section"].value()))
        except (TypeError, ValueError):
            section = None
        return section.label if section else str(_("导语 / 正文"))

    def highlighted_context(self):
        return highlight(self["context"].value() or "", [self["text"].value() or ""])

    def figure_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ("label", "text", "value", "unit", "qualifier", "bound")}
        data |= {name: self.cleaned_data[name] for name in ("is_target", "kind", "year", "region", "as_of", "section")}
        data["label"] = data["label"].strip()
        if self.cleaned_data["as_of"]:
            data["as_of_precision"] = self.cleaned_data["as_of_precision"] or "month"
        return data


ProposedFigureFormSet = forms.formset_factory(ProposedFigureForm, extra=0)


class FigureTargetForm(forms.Form):
    """Where the kept figures go: an achievement of this article, or a new draft achievement."""

    NEW, EXISTING = "new", "existing"

    target = forms.ChoiceField(
        label=_("保存到"),
        choices=[(NEW, _("新建成果（草稿）")), (EXISTING, _("加入本文已有的成果"))],
        widget=forms.RadioSelect,
        initial=NEW,
    )
    achievement = forms.ModelChoiceField(label=_("已有成果"), queryset=Achievement.objects.none(), required=False)
    title = forms.CharField(label=_("新成果标题"), max_length=200, required=False)
    category = forms.ChoiceField(
        label=_("类别"), choices=[("", "---------"), *Achievement.Category.choices], required=False
    )
    year = forms.IntegerField(label=_("年度"), min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False)
    region = forms.ModelChoiceField(label=_("地区"), queryset=Region.objects.all(), required=False)
    section = forms.ModelChoiceField(
        label=_("出处章节"),
        queryset=ArticleSection.objects.none(),
        required=False,
        help_text=_("留空时：所选数字都出自同一章节，就记为该章节。"),
    )

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["achievement"].queryset = article.achievements.order_by("title")
        self.fields["section"].queryset = article.sections.all()
        self.fields["year"].initial = article.year
        if not article.achievements.exists():
            self.fields["target"].choices = self.fields["target"].choices[:1]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == self.EXISTING:
            if cleaned.get("achievement") is None:
                self.add_error("achievement", _("请选择要加入的成果。"))
            return cleaned
        for name, message in [
            ("title", _("新建成果时请填写标题。")),
            ("category", _("请选择成果的类别。")),
            ("year", _("请填写成果的年度。")),
        ]:
            if not cleaned.get(name):
                self.add_error(name, message)
        return cleaned


def stored_value(figure) -> str:
    """``30亿元 = 3,000,000,000 元``: a saved figure as written, and the value it is counted with."""
    if figure is None or figure.pk is None:
        return ""
    return gettext("%(text)s = %(value)s %(unit)s") % {
        "text": figure.text,
        "value": format_exact(figure.value),
        "unit": figure.unit,
    }


def kind_proposal(figure) -> str:
    """``建议：上限`` under a saved figure's empty kind, when its wording makes the kind clear."""
    if figure is None or figure.pk is None or figure.kind:
        return ""
    kind = proposed_kind(label=figure.label, text=figure.text, unit=figure.unit, qualifier=figure.qualifier)
    return gettext("建议：%(kind)s") % {"kind": SHORT_LABELS[kind]} if kind else ""


class NotedWidget:
    """A widget with, when ``note`` is set, a line of text under it (the stored value, a proposed kind)."""

    note = ""

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.note:
            return html
        return format_html('{}<span class="stored-value">{}</span>', html, self.note)


class NotedSelect(NotedWidget, forms.Select):
    pass


class PlainDecimalInput(NotedWidget, forms.NumberInput):
    """A stored number as staff typed it: 3000000000, not 3000000000.0000 (nor 3E+9)."""

    def __init__(self, attrs=None):
        super().__init__({"step": "any", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal) and value.is_finite():
            return format(value.normalize(), "f") if value else "0"
        return super().format_value(value)


# The inline's column is narrow: the bound's short name, the words that make it in the column's help text.
SHORT_BOUNDS = [
    (KeyFigure.Bound.EXACT, _("确数")),
    (KeyFigure.Bound.AT_LEAST, _("不少于")),
    (KeyFigure.Bound.AT_MOST, _("不超过")),
    (KeyFigure.Bound.APPROXIMATE, _("约数")),
]


CITATION_FIELDS = ["citation_publication", "citation_issuer", "citation_date", "citation_url", "citation_sentence"]


class CitationWidget(forms.MultiWidget):
    """The five fields of a figure's original source in one narrow column of the 关键数据 table: folded under
    “出处”, they open over the row (static/css/admin.css), so the table still fits a laptop window."""

    def __init__(self):
        super().__init__(
            [
                forms.TextInput,
                forms.TextInput,
                forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                forms.URLInput,
                forms.Textarea(attrs={"rows": 3}),
            ]
        )

    def decompress(self, value):
        return list(value) if value else [None] * len(CITATION_FIELDS)

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        subwidgets = context["widget"]["subwidgets"]
        labels = [KeyFigure._meta.get_field(field).verbose_name for field in CITATION_FIELDS]
        rows = format_html_join(
            "",
            '<p><label for="{}">{}</label>{}</p>',
            (
                (sub["attrs"].get("id", ""), label, widget.render(sub["name"], sub["value"], sub["attrs"], renderer))
                for label, sub, widget in zip(labels, subwidgets, self.widgets, strict=True)
            ),
        )
        filled = any(sub["value"] for sub in subwidgets)
        summary = gettext("出处（已填）") if filled else gettext("出处")
        return format_html(
            '<details class="citation-fields"><summary>{}</summary>'
            '<div class="citation-fields__panel">{}</div></details>',
            summary,
            rows,
        )


class CitationField(forms.MultiValueField):
    """The figure's original source: publication, issuing body, date, address and the sentence, kept exactly as
    staff pasted it. Each part is optional."""

    widget = CitationWidget

    def __init__(self, **kwargs):
        fields = [
            forms.CharField(max_length=100, required=False),
            forms.CharField(max_length=100, required=False),
            forms.DateField(required=False, input_formats=["%Y-%m-%d"]),
            forms.URLField(
                max_length=500,
                required=False,
                validators=[web_address],
                assume_scheme="https",
                error_messages={"invalid": web_address.message},
            ),
            forms.CharField(required=False, strip=False),
        ]
        super().__init__(fields, require_all_fields=False, required=False, **kwargs)

    def compress(self, data_list):
        if not data_list:
            return ["", "", None, "", ""]
        *parts, sentence = data_list
        return [*parts, sentence.replace("\r\n", "\n")]  # a browser sends each line break as \r\n


class KeyFigureInlineForm(forms.ModelForm):
    """A key figure in one row of the achievement's page (the compact 关键数据 table)."""

    citation = CitationField(label=_("出处"))

    class Meta:
        model = KeyFigure
        fields = [
            "order",
            "label",
            "text",
            "value",
            "unit",
            "bound",
            "qualifier",
            "kind",
            "measure",
            "is_target",
            "year",
            "region",
            "as_of",
            "as_of_precision",
            "is_featured",
        ]
        widgets = {
            "order": forms.NumberInput(attrs={"min": 0}),
            "value": PlainDecimalInput,
            "kind": NotedSelect,
            "measure": forms.TextInput(attrs={"size": 8}),
        }
        help_texts = {
            "bound": _("不少于：余、超、以上、突破；不超过：最高；约数：约、近。"),
            "kind": _(
                "存量：截至某时的总数；流量：一段时间内新增或完成的量；比率：增速、占比、百分比、倍数；"
                "上限：单笔最高、门槛。只有存量、流量相加，且只与同一统计口径、同一单位的相加。"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bound"].choices = SHORT_BOUNDS
        self.fields["kind"].choices = list(SHORT_LABELS.items())
        self.fields["value"].widget.note = stored_value(self.instance)
        self.fields["kind"].widget.note = kind_proposal(self.instance)
        self.initial.setdefault("citation", [getattr(self.instance, name) for name in CITATION_FIELDS])

    def clean(self):
        cleaned = super().clean()
        if "citation" in cleaned:
            for name, value in zip(CITATION_FIELDS, cleaned["citation"], strict=True):
                setattr(self.instance, name, value)
        return cleaned
