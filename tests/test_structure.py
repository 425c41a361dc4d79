"""Dependencies point one way: the shared apps import no feature app; feature apps build on them; the content apps
import none of the features built on them (search, import and export, the home page, the demo).

The shared apps are what every kind of content uses: the publishing workflow (state, drafts, revisions, audit, roles,
rich text), the page cache and staff accounts. A feature app (a kind of content, the picture library, search,
import and export, the home page, the demo) hands the shared code what it needs through the shared code's own
hooks, small registries each app fills in its ``AppConfig.ready()``: a sitemap class wired in
``portal/sitemaps.py``, the picture library rich text uses (``images/apps.py``), what search indexes of each kind of
content (``publishing/indexing.py``, registered in ``news/apps.py`` …) and what a feature adds to a content admin
(``publishing/admin_tools.py``: the import and export of ``transfer/apps.py``).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ("publishing", "caching", "accounts")
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
    return found & FEATURES


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
    """Domain code uses the functions the tags wrap (publishing.language, images.markup …), not the tags."""
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
