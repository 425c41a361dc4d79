"""Plain text from rich text, and marked words (presentation/text.py), as the index, the extractor and search use
them."""

from presentation.text import highlight, html_to_line, html_to_text


def test_paragraphs_cells_and_list_items_never_run_together():
    html = "<p>科技&amp;创新</p><ul><li>一</li><li>二</li></ul><table><tr><td>甲</td><td>乙</td></tr></table>"
    assert html_to_text(html) == "科技&创新\n\n一\n\n二\n\n甲\n\n乙"
    assert html_to_line(html) == "科技&创新 一 二 甲 乙"


def test_every_occurrence_of_every_term_is_marked_and_the_rest_escaped():
    assert highlight("算力<b>与</b>算力中心", ["算力中心", "算力"]) == (
        "<mark>算力</mark>&lt;b&gt;与&lt;/b&gt;<mark>算力中心</mark>"
    )
    assert highlight("<i>", []) == "&lt;i&gt;"
