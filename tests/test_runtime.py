"""Issue 13, item 8: the Python the portal runs on is checked: too old is an error, a patch level without the fixes
it relies on a warning (at start-up and in ``manage.py check``), a current one nothing."""

import pytest

from publishing.runtime import python_patch_level, python_problem


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ((3, 10, 14), "too old"),
        ((3, 11, 2), "3.11.5 or newer"),
        ((3, 11, 5), ""),
        ((3, 11, 7), ""),
        ((3, 12, 0), ""),
        ((3, 13, 1), ""),
    ],
)
def test_python_versions(version, expected):
    problem = python_problem(version)

    assert (expected in problem) if expected else problem == ""


def test_this_python_passes_the_check():
    assert python_patch_level(None) == []


def test_the_application_server_logs_an_old_python_when_it_starts(monkeypatch, caplog):
    import sys

    from publishing.runtime import log_problem

    monkeypatch.setattr(sys, "version_info", (3, 11, 2, "final", 0))
    with caplog.at_level("WARNING", logger="portal"):
        log_problem()

    assert "3.11.2 lacks security fixes" in caplog.text
