"""Content plans as CSV: import (all or nothing) and export (round-trips through import).

Two layouts are read, told apart by the first line:

* **onshore** — a header naming some of ``market, networks, state, tags, text, link,
  local_date, local_time, fold`` and ``text_<network>`` for each network onshore knows
  (``text_x``, ``text_bluesky``, …; ``text`` is required; ``network``, ``date``, ``time``
  and ``message`` are accepted as aliases). ``local_date``/``local_time`` are the wall
  time in the market's primary zone; ``fold`` says which occurrence of a time the clocks
  repeat is meant (``0``/``first`` or ``1``/``second``); ``text_<network>`` is the text
  that network publishes instead of ``text`` (blank: ``text``). Export writes this layout
  with every column, so an exported post imports back as the same post; files without
  the newer columns (``fold`` and the network texts) still import.
* **Hootsuite bulk composer** — no header (or a header of ``date, time, message, link``).
  Hootsuite's own file puts date and time in one cell (``12/31/2026 09:30``, column A),
  the message in column B and an optional link in column C; a four-column variant with
  date and time in separate cells is read too. Hootsuite asks at upload whether dates are
  month/day/year or day/month/year; so do we (``date_format``). Left on ``auto``, the
  order is taken from dates that can only be read one way (``31/12/2026``) and a file of
  only ambiguous dates (``05/06/2026``) is refused rather than guessed. ISO dates
  (``2026-12-31``) are always accepted. Times are 24-hour ``HH:MM`` (seconds and
  ``am``/``pm`` accepted).

Rules shared by both: rows are checked first, without touching the database; only if
every row is valid are posts created (``editing.create_posts``: the model's validation,
revision 1 and the schedule, in bulk) and checked for market fit, in one transaction. A
row asked to be ``in_review`` is then submitted like any post; error findings refuse
that row. Any refusal rolls everything back. A dry run does the same and rolls back.

* ``state`` may be ``draft`` (the default) or ``in_review``. Approved, scheduled and
  published are refused: approval is a reviewer's decision recorded in onshore, and a
  CSV cannot stand for it.
* A wall time the clocks skip is refused naming the nearest valid times; a time that
  happens twice (clocks going back) takes the occurrence ``fold`` names, or the first
  when it names none, and the row says which.
* Limits: 20 MB, 20,000 rows, text up to 10,000 characters, link 2,000, 30 tags of up
  to 40 characters. Files must be UTF-8 (a BOM is fine) or UTF-16 with a BOM.
* ``media`` and ``alt_text`` (onshore's layout): up to 10 files per post separated by
  ``|`` (an https URL, ``sha256:<hash>`` of a library file, or for ``onshore import`` a
  file beside the CSV) and their alt texts in the same order; see ``csvplan.media``.
  Files are gathered into the library before the transaction and removed again when
  the import is refused or a dry run (unless the library already had them).
* Spreadsheets run cells starting with ``= + - @`` (or a tab or carriage return before
  one) as formulas, so export writes every such cell with a leading ``'`` and import
  removes it again. A cell that itself starts with ``'`` gets one too, so a text such as
  ``'=x`` comes back exactly as it was written.

The modules follow the import's stages: ``reading`` (encoding, records, layout),
``dates``, ``validation`` (every row, before any write), ``media`` (the files rows name),
``importing`` (one transaction), and ``export``; ``rows`` holds what they hand each
other. The export's filters are the calendar's too (``onshore.posts.filters``). Callers
use the names exported here.
"""

from onshore.posts.csvplan.dates import DateOrder, infer_date_order, parse_clock, parse_day
from onshore.posts.csvplan.export import export_text, filtered_posts, write_csv
from onshore.posts.csvplan.importing import (
    MAX_REPORTED_ERRORS,
    ImportOptions,
    ImportReport,
    RowReport,
    import_plan,
)
from onshore.posts.csvplan.media import MAX_ITEMS as MAX_MEDIA_ITEMS
from onshore.posts.csvplan.reading import EXPORT_COLUMNS, MAX_BYTES, MAX_ROWS, decode, parse_plan
from onshore.posts.csvplan.rows import (
    ParsedPlan,
    PlanRefused,
    RawRow,
    RowError,
    escape_formula,
    unescape_formula,
)
from onshore.posts.csvplan.validation import PlannedRow, validate_row, validate_rows
from onshore.posts.filters import FILTER_KEYS, FilterError, PostFilters, parse_filters
from onshore.posts.names import NETWORK_ALIASES, MarketIndex, market_name

# The export's filters are the calendar's: one type under the name callers know.
ExportFilters = PostFilters

__all__ = [
    "EXPORT_COLUMNS",
    "FILTER_KEYS",
    "MAX_BYTES",
    "MAX_MEDIA_ITEMS",
    "MAX_REPORTED_ERRORS",
    "MAX_ROWS",
    "NETWORK_ALIASES",
    "DateOrder",
    "ExportFilters",
    "FilterError",
    "ImportOptions",
    "ImportReport",
    "MarketIndex",
    "ParsedPlan",
    "PlanRefused",
    "PlannedRow",
    "PostFilters",
    "RawRow",
    "RowError",
    "RowReport",
    "decode",
    "escape_formula",
    "export_text",
    "filtered_posts",
    "import_plan",
    "infer_date_order",
    "market_name",
    "parse_clock",
    "parse_day",
    "parse_filters",
    "parse_plan",
    "unescape_formula",
    "validate_row",
    "validate_rows",
    "write_csv",
]
