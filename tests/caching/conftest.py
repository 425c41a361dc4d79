from tests.publishing.conftest import editor, reviewer  # noqa: F401  (the same staff fixtures)
