"""The locks and the commit hooks say the same versions as the requirements a maintainer edits."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;]+)", re.MULTILINE)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return {package.lower().replace("_", "-"): version for package, version in PIN.findall(text)}


def test_every_requirement_is_locked_at_its_pinned_version():
    runtime, development = pins("requirements.txt"), pins("requirements-dev.txt")
    runtime_lock, development_lock = pins("requirements.lock"), pins("requirements-dev.lock")
    assert {name: development_lock.get(name) for name in {**runtime, **development}} == {**runtime, **development}
    assert {name: runtime_lock.get(name) for name in runtime} == runtime
    # A server installs the versions CI tested.
    assert {name: development_lock.get(name) for name in runtime_lock} == runtime_lock


def test_the_commit_hooks_use_the_pinned_tools():
    hooks = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    development = pins("requirements-dev.txt")
    assert f'"ruff=={development["ruff"]}"' in hooks
