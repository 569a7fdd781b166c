"""What the stages of a plan's import hand each other: the file's rows and the errors
that refuse a file or a row; and the one rule for cells a spreadsheet would run as
formulas, which reading undoes and export applies.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowError:
    """One reason a file or row is refused: where (line, column) and what to do."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, column {self.column}" if self.column else f"line {self.line}"
        return f"{where}: {self.message}"


class PlanRefused(Exception):
    """The file as a whole cannot be read (encoding, size, layout); nothing was imported."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class RawRow:
    """A record of the file: its first line and its cells by onshore column name."""

    line: int
    values: dict[str, str]
    labels: dict[str, str]  # onshore column → how the file calls it (for messages)

    def get(self, column: str) -> str:
        return unescape_formula(self.values.get(column, "").strip())

    def label(self, column: str) -> str:
        return self.labels.get(column, column)


@dataclass
class ParsedPlan:
    layout: str  # "onshore" or "hootsuite"
    rows: list[RawRow]
    columns: set[str]


# A leading quote is escaped too: without that, "'=x" would be read back as "=x".
ESCAPED_START = (*FORMULA_START, "'")


def escape_formula(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs: "=SUM(…)" is written "'=SUM(…)"."""
    return "'" + text if text.startswith(ESCAPED_START) else text


def unescape_formula(text: str) -> str:
    """Undo :func:`escape_formula`; any other cell (a plain "'quoted" text) is kept."""
    return text[1:] if text.startswith("'") and text[1:].startswith(ESCAPED_START) else text
