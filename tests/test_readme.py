"""The README's command table says what the command line does: every command and every option of the parser
is in it, and nothing else (as sqlite-utils tests its own documentation)."""

import argparse
import re
from pathlib import Path

from consultant_app.cli import build_parser

README = Path(__file__).resolve().parent.parent / "README.md"


def documented() -> dict[str, tuple[set[str], int]]:
    """Command → (its options, how many positional arguments), from the README's command table."""
    table = README.read_text(encoding="utf-8").split("## Command line", 1)[1].split("\n## ", 1)[0]
    commands = {}
    for row in (line for line in table.splitlines() if line.startswith("| `")):
        first_cell = row.split(" | ")[0]
        for spec in re.findall(r"`([^`]+)`", first_cell):
            name, *rest = spec.split()
            words = " ".join(rest)
            options = set(re.findall(r"--[a-z][a-z-]*", words))
            positionals = len(re.findall(r"(?<![-\w])[A-Z][A-Z_.]*(?![\w])", re.sub(r"--[a-z-]+ [A-Z_.=]+", "", words)))
            commands[name] = (options, positionals)
    return commands


def parsed() -> dict[str, tuple[set[str], int]]:
    [commands] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    out = {}
    for name, sub in commands.choices.items():
        options = {s for a in sub._actions for s in a.option_strings if s.startswith("--") and s != "--help"}
        positionals = sum(1 for a in sub._actions if not a.option_strings)
        out[name] = (options, positionals)
    return out


def test_the_readme_command_table_matches_the_parser():
    assert documented() == parsed()
