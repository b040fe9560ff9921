"""Imports go one way: knowledge <- assistant <- eval / web (checked on the source, with `ast`).

The library packages never import the product (`eval`, `web`), and no package but `web`
(and the root `app.py` launcher) imports the web layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"knowledge": set(), "assistant": {"knowledge"}}
#: the old top-level web modules: gone, and nothing may bring them back as imports
OLD_WEB_MODULES = {"api", "app_format", "app_feedback"}


def imported_roots(path: Path) -> set[str]:
    """Top-level package names imported anywhere in `path` (lazy imports inside functions too)."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))]


def test_library_packages_import_only_lower_layers():
    product = {"eval", "web", "app"} | OLD_WEB_MODULES
    bad = {}
    for package, allowed_below in LAYERS.items():
        higher = product | (set(LAYERS) - allowed_below - {package})
        for path in python_files(package):
            wrong = imported_roots(path) & higher
            if wrong:
                bad[str(path.relative_to(ROOT))] = sorted(wrong)
    assert bad == {}


def test_only_the_web_package_and_the_launcher_import_the_web_layer():
    """Tests may import anything; the packages outside `web/` may not import it."""
    web_layer = {"web", "app"} | OLD_WEB_MODULES
    bad = {
        str(p.relative_to(ROOT)): sorted(imported_roots(p) & web_layer)
        for p in python_files("knowledge", "assistant", "eval")
    }
    assert {k: v for k, v in bad.items() if v} == {}
    assert imported_roots(ROOT / "app.py") == {"web"}
    assert not any((ROOT / f"{name}.py").exists() for name in OLD_WEB_MODULES)


def test_the_checker_sees_lazy_and_from_imports(tmp_path):
    sample = tmp_path / "m.py"
    sample.write_text("import os\nfrom web.api import create_api\n\ndef f():\n    import eval.cli\n", encoding="utf-8")
    assert imported_roots(sample) == {"os", "web", "eval"}
