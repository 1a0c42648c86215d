"""The shape of commands/: thin modules over the domain, none importing another."""

from __future__ import annotations

import ast
from pathlib import Path

COMMANDS = Path(__file__).resolve().parent.parent / "src" / "listbot" / "commands"


def _imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # from . import x / from .x import y
                names |= {f"listbot.commands.{node.module or alias.name}" for alias in node.names}
            elif node.module == "listbot.commands":
                names |= {f"listbot.commands.{alias.name}" for alias in node.names}
            elif node.module:
                names.add(node.module)
        elif isinstance(node, ast.Constant) and str(node.value).startswith("listbot.commands."):
            names.add(str(node.value))  # importlib.import_module("listbot.commands.add")
    return names


def test_no_command_imports_another_command() -> None:
    modules = {p.stem for p in COMMANDS.glob("*.py") if p.stem != "__init__"}
    assert {"check", "render", "add", "new", "comment", "link_report"} <= modules
    for path in sorted(COMMANDS.glob("*.py")):
        if path.stem == "__init__":
            continue
        imported = _imported(ast.parse(path.read_text(encoding="utf-8")))
        others = {
            name for name in imported if name.removeprefix("listbot.commands.") in modules
        } - {f"listbot.commands.{path.stem}"}
        assert not others, f"commands/{path.name} imports {sorted(others)}"


def test_commands_init_holds_only_cli_plumbing() -> None:
    """Domain code lives next to its domain; the package keeps Context and argument helpers."""
    tree = ast.parse((COMMANDS / "__init__.py").read_text(encoding="utf-8"))
    defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)}
    moved = ("save_new_entry", "read_json_file", "read_links_report", "read_readme",
             "cache_salt", "changed_entry_files", "open_resolver")  # fmt: skip
    for name in moved:
        assert name not in defined, name
