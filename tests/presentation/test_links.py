import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from presentation.links import link


@pytest.mark.parametrize(
    ("viewname", "kwargs"),
    [
        ("news:detail", {"slug": "2025-xian-ning-ke-ji"}),
        ("news:detail", {"slug": "2026"}),
        ("enterprises:detail", {"slug": "a_b-C9"}),
        ("api:figure-detail", {"pk": 12}),
        ("api:article-detail", {"slug": "x"}),
    ],
)
def test_link_is_what_reverse_gives(viewname, kwargs):
    assert link(viewname, **kwargs) == reverse(viewname, kwargs=kwargs)
    # Again, now from the template it reversed the first time.
    assert link(viewname, **kwargs) == reverse(viewname, kwargs=kwargs)


def test_link_follows_the_script_prefix():
    link("news:detail", slug="a")
    set_script_prefix("/portal/")
    try:
        assert link("news:detail", slug="a") == "/portal/news/a/"
    finally:
        set_script_prefix("/")
    assert link("news:detail", slug="a") == "/news/a/"


def test_a_value_the_converter_refuses_fails_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        link("news:detail", slug="科技")
    with pytest.raises(NoReverseMatch):
        link("api:figure-detail", pk="abc")
