"""Dependencies point one way: the shared apps import no feature app; feature apps build on them; the content apps
import none of the features built on them (search, import and export, the home page, the demo).

The shared apps are what every kind of content uses, in layers that import only the ones below them: the page cache
(``caching``); how the portal writes for readers (``presentation``: languages, numbers, dates, text, links, list
filters, sitemaps, CSV/Excel files); the publishing core (``publishing``: state, workflow, drafts, revisions, audit,
roles, rich text); on it the JSON API's shared parts (``api``) and staff accounts (``accounts``). A feature app (a
kind of content, the picture library, search, import and export, the home page, the demo) hands the shared code what
it needs through the shared code's own hooks, small registries each app fills in its ``AppConfig.ready()``: a sitemap
class wired in ``portal/sitemaps.py``, the picture library rich text uses (``images/apps.py``), what search indexes
of each kind of content (``publishing/indexing.py``, registered in ``news/apps.py`` …) and what a feature adds to a
content admin (``publishing/admin_tools.py``: the import and export of ``transfer/apps.py``).
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each shared app, bottom up, with the shared apps it may import.
LAYERS = {
    "caching": set(),
    "presentation": {"caching"},
    "publishing": {"caching", "presentation"},
    "api": {"caching", "presentation", "publishing"},
    "accounts": {"caching", "presentation", "publishing"},
}
SHARED = tuple(LAYERS)
CONTENT = ("news", "projects", "enterprises", "achievements", "regions", "topics")
FEATURES = {*CONTENT, *("images", "search", "transfer", "home", "demo", "portal")}


def imported_apps(path: Path) -> set[str]:
    """The project apps a module imports, wherever in it the import is (a function's body too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & (FEATURES | set(LAYERS))


def imports_of(apps: tuple[str, ...], importing: set[str]) -> dict[str, list[str]]:
    """module → the apps of ``importing`` it imports, for every module of ``apps``."""
    return {
        str(path.relative_to(ROOT)): sorted(found)
        for app in apps
        for path in sorted((ROOT / app).rglob("*.py"))
        if (found := imported_apps(path) & importing)
    }


def test_no_shared_module_imports_a_feature_app():
    assert imports_of(SHARED, FEATURES) == {}


def test_each_shared_app_imports_only_the_layers_below_it():
    """Presentation knows nothing of publishing states; the publishing core knows nothing of the API built on it."""
    above = {app: sorted(set(LAYERS) - allowed - {app}) for app, allowed in LAYERS.items()}
    assert {app: imports_of((app,), set(above[app])) for app in LAYERS} == {app: {} for app in LAYERS}


def test_the_picture_library_imports_no_kind_of_content():
    """Where a picture is used is read from the models' links and rich-text fields, not from a list of apps."""
    assert imports_of(("images",), {"news", "projects", "enterprises", "achievements"}) == {}


def test_content_apps_import_none_of_the_features_built_on_them():
    """Search indexes them, transfer imports and exports them, the home page and the demo show them: each of those
    reads the content apps (or their registrations), never the other way round."""
    assert imports_of(CONTENT, {"transfer", "search", "home", "demo"}) == {}


def test_search_imports_no_content_app():
    """Each content app registers what search needs from it (publishing/indexing.py)."""
    assert imports_of(("search",), set(CONTENT)) == {}


def imports_template_tags(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and "templatetags" in (node.module or "").split("."):
            return True
        if isinstance(node, ast.Import) and any("templatetags" in alias.name.split(".") for alias in node.names):
            return True
    return False


def test_only_template_tags_import_template_tag_modules():
    """Domain code uses the functions the tags wrap (presentation.language, images.markup …), not the tags."""
    folders = [folder for folder in ROOT.iterdir() if (folder / "__init__.py").is_file() and folder.name != "tests"]
    project = [
        path
        for folder in folders
        for path in folder.rglob("*.py")
        if not {"templatetags", "migrations"} & set(path.relative_to(ROOT).parts)
    ]
    assert [str(path.relative_to(ROOT)) for path in project if imports_template_tags(path)] == []


def test_the_check_sees_an_import_of_a_feature_app(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("import os\nfrom news.models import Article\n\ndef f():\n    import images.models\n")
    assert imported_apps(module) == {"news", "images"}
    module.write_text("from .templatetags.images import picture\n")
    assert imports_template_tags(module)


PROJECT = {*SHARED, *FEATURES}
# Data-migration steps written to stay as they are (publishing/migration_helpers.py says so): migrations may call them.
FROZEN_HELPERS = {"publishing.migration_helpers"}


def live_code_in_migration(path: Path) -> list[str]:
    """The project modules a migration's code runs, which a later change of the live code would change under it.

    Other migrations and the frozen helpers are fine. So is ``import app.module`` used only in the ``Migration``
    class itself: makemigrations writes a field's validators and upload_to functions that way, and Django needs them
    importable as long as a migration names them (they are schema, not a data step)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    migration = next(node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Migration")
    in_migration = {id(node) for node in ast.walk(migration)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level > 1 or (node.level == 1 and module):
                found.append("." * node.level + module)  # a module of the app beside its migrations package
            elif node.level == 0 and module.split(".")[0] in PROJECT:
                if "migrations" not in module.split(".") and module not in FROZEN_HELPERS:
                    found.append(module)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] not in PROJECT or alias.name in FROZEN_HELPERS:
                    continue
                name = alias.asname or alias.name.split(".")[0]
                uses = [use for use in ast.walk(tree) if isinstance(use, ast.Name) and use.id == name]
                if any(id(use) not in in_migration for use in uses):
                    found.append(alias.name)
    return found


def test_migrations_run_no_live_code_of_the_project():
    """A migration keeps doing what it did when it was written: the logic of its data steps is copied into it."""
    migrations = sorted(path for app in PROJECT for path in (ROOT / app).glob("migrations/[0-9]*.py"))
    assert len(migrations) > 30
    imports = {str(path.relative_to(ROOT)): found for path in migrations if (found := live_code_in_migration(path))}
    assert imports == {}


def test_the_frozen_migration_helpers_import_only_django_and_the_standard_library():
    for helper in FROZEN_HELPERS:
        tree = ast.parse((ROOT / f"{helper.replace('.', '/')}.py").read_text(encoding="utf-8"))
        nodes = list(ast.walk(tree))
        modules = {alias.name for node in nodes if isinstance(node, ast.Import) for alias in node.names}
        modules |= {"." * node.level + (node.module or "") for node in nodes if isinstance(node, ast.ImportFrom)}
        assert {module.split(".")[0] for module in modules} <= {"django", *sys.stdlib_module_names}, helper


def test_the_migration_check_sees_live_code_in_a_data_step(tmp_path):
    module = tmp_path / "0009_fill.py"
    module.write_text(
        "import images.models\nimport search.tokens\nfrom publishing.roles import sync_roles\n"
        "from publishing.migration_helpers import fill_published_titles\nfrom . import other\n\n"
        "def fill(apps, schema_editor):\n    search.tokens.index_tokens('')\n\n"
        "class Migration:\n    operations = [images.models.image_upload_to]\n"
    )
    assert live_code_in_migration(module) == ["search.tokens", "publishing.roles"]


PROJECT_FOLDERS = sorted(folder for folder in ROOT.iterdir() if (folder / "__init__.py").is_file())
PROJECT_MODULES = {folder.name for folder in PROJECT_FOLDERS} | {path.stem for path in ROOT.glob("*.py")}


def private_imports(path: Path) -> list[str]:
    """The private names (``_name``, not ``__name__``) a module imports from a library or Django, or names from their
    private modules: these change in any release without notice, so the project holds to their public API."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if _is_private(alias.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            found += [name for name in names if _is_private(name)]
    return found


def _is_private(dotted: str) -> bool:
    first, *rest = dotted.split(".")
    return first not in PROJECT_MODULES and any(part.startswith("_") and not part.endswith("__") for part in rest)


def test_no_project_module_imports_a_private_name_of_a_library():
    modules = [
        *ROOT.glob("*.py"),
        *(path for folder in PROJECT_FOLDERS if folder.name != "tests" for path in folder.rglob("*.py")),
    ]
    imports = {str(path.relative_to(ROOT)): names for path in sorted(modules) if (names := private_imports(path))}
    assert imports == {}


def test_the_check_sees_a_private_import_of_a_library(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "from __future__ import annotations\nfrom .drafts import _entry\nfrom publishing.drafts import _entry\n"
        "from django.db.models import Model, __all__\nimport django.utils._os\n\n"
        "def f():\n    from reversion.revisions import _current_frame\n"
    )
    assert private_imports(module) == ["django.utils._os", "reversion.revisions._current_frame"]
