"""The layers of the package, as the README draws them, hold: arrows point down only. Each part may import
the parts listed for it here and nothing else of the package (read from the source, so a lazy import inside
a function counts too)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "consultant_app"
# small helpers every layer may use
BASE = {"paths", "leftovers", "gc_pause", "keychain", "policy", "about", "crash_reports"}
# what the desktop app and the command line both stand on
BELOW_THE_APP = {"candidate_lists", "reports", "datasets", "demo", "sync", "interchange", "analysis", "store", "domain"}
ALLOWED = {
    "domain": {"domain"},
    "store": {"store", "domain"},
    "interchange": {"interchange", "store", "domain"},
    "analysis": {"analysis", "store", "domain"},
    "session": {"session", "interchange", "store", "domain"},
    "demo": {"demo", "interchange", "store", "domain"},
    "reports": {"reports", "analysis", "store", "domain"},
    "datasets": {"datasets", "analysis", "store", "domain"},
    "sync": {"sync", "interchange", "store", "domain"},
    "candidate_lists": {"candidate_lists", "store", "domain"},
    "cli": {"cli", "ui", *BELOW_THE_APP},
    "ui": {"ui", "session", *BELOW_THE_APP},
}


def part(module: str) -> str:
    first = module.split(".")[0]
    return "cli" if first.startswith("cli_") else first


def test_every_import_points_down():
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).with_suffix("")
        if relative.name == "__main__" or str(relative) == "__init__" or relative.parts[0] in BASE:
            continue
        mine = part(relative.parts[0])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            )
            for name in names:
                if name.startswith("consultant_app."):
                    target = part(name.removeprefix("consultant_app."))
                    if target not in ALLOWED[mine] | BASE:
                        wrong.append(f"{relative}: imports {name}")
    assert wrong == []
