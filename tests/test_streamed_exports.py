"""Downloads are streamed: memory while sending one stays flat as the rows grow, and queries grow only per chunk."""

import csv
import io
import json
import tracemalloc

import pytest
from openpyxl import load_workbook

from presentation import exports
from tests.factories import AchievementFactory, KeyFigureFactory
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

DOWNLOADS = ["/achievements/figures.csv", "/api/v1/figures/export.csv", "/api/v1/figures/export.json"]


def peak_while_sending(client, url) -> tuple[int, bytes]:
    """The peak of memory allocated while the response is made and read chunk by chunk, as a server sends it."""
    tracemalloc.start()
    try:
        response = client.get(url)
        assert response.status_code == 200
        assert response.streaming
        size = 0
        last = b""
        for chunk in response.streaming_content:
            size += len(chunk)
            last = chunk
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, size, last


@pytest.mark.parametrize("url", DOWNLOADS)
def test_memory_while_streaming_a_download_stays_flat_from_n_to_ten_n_rows(client, monkeypatch, url):
    monkeypatch.setattr(exports, "CHUNK_SIZE", 25)
    achievement = AchievementFactory()
    KeyFigureFactory.create_batch(50, achievement=achievement, label="=指标" + "长" * 40)
    client.get(url)  # warm caches (site settings, translations) outside the measurement
    small_peak, small_size, _ = peak_while_sending(client, url)
    KeyFigureFactory.create_batch(450, achievement=achievement, label="=指标" + "长" * 40)
    large_peak, large_size, last = peak_while_sending(client, url)

    assert large_size > 8 * small_size  # ten times the rows, so about ten times the bytes sent
    # A file built in memory holds all of it at once (and more than once, as text and as bytes), so its peak
    # would grow by at least the extra bytes; streamed, the peak is a chunk's worth, the same for both.
    assert large_peak - small_peak < (large_size - small_size) / 2
    assert large_peak < 2 * small_peak
    assert last.endswith(b"]" if url.endswith(".json") else b"\r\n")


@pytest.mark.parametrize("url", DOWNLOADS + ["/achievements/figures.xlsx", "/api/v1/figures/export.xlsx"])
def test_download_queries_do_not_grow_with_rows(client, django_assert_num_queries, url):
    achievement = AchievementFactory()

    def add(n):
        KeyFigureFactory.create_batch(n, achievement=achievement)

    # The data page's download checks its filters first (their choices, the regions); the API reads the figures
    # with their achievement and region in one query (the sources are prefetched only when there are any).
    expected = 3 if url.startswith("/achievements/") else 1
    response = assert_constant_queries(client, django_assert_num_queries, url, add, expected=expected, large=30)
    body = response.getvalue()
    if url.endswith(".csv"):
        assert len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))) == 31
    elif url.endswith(".json"):
        assert len(json.loads(body)) == 30
    else:
        assert load_workbook(io.BytesIO(body)).active.max_row == 31


def test_the_figures_workbook_is_written_in_write_only_mode_with_bold_frozen_headings(client):
    KeyFigureFactory(label="签约企业")
    response = client.get("/achievements/figures.xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active

    assert sheet["A1"].value == "指标" and sheet["A1"].font.bold
    assert sheet["A2"].value == "签约企业"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 28
