"""The language data of the pipeline (the files of this folder) and the one place that reads them.

Every file is declared in ``COLUMNS`` with the number of tab-separated columns its rows have;
:func:`validate` checks every row of every file when the pipeline loads (``pipeline.load()``,
``python -m pipeline run``), so a malformed row is an error naming its file and line before any
document is read, not a bare Python error in the middle of a run. Lines that start with ``#`` and
blank lines are comments. Forms are written as in text; the stages normalize them on load.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

RESOURCES = Path(__file__).parent

# file -> (fewest, most) tab-separated columns of a row
COLUMNS: dict[str, tuple[int, int]] = {
    "abbreviations.txt": (1, 1),
    "currencies.tsv": (3, 4),
    "date_context.tsv": (2, 2),
    "date_words.tsv": (3, 3),
    "fractions.tsv": (4, 4),
    "gazetteer_features.tsv": (2, 2),
    "gazetteer_names.tsv": (2, 2),
    "hijri_months.tsv": (3, 3),
    "holidays.tsv": (4, 5),
    "months.tsv": (4, 4),
    "name_heads.tsv": (2, 2),
    "ner_news_rules.tsv": (2, 2),
    "number_context.tsv": (2, 2),
    "number_modifiers.tsv": (3, 3),
    "number_words.tsv": (3, 3),
    "ordinals.tsv": (3, 3),
    "quote_cues.tsv": (2, 2),
    "quote_words.tsv": (2, 3),
    "relative_ordinal_context.tsv": (2, 2),
    "relative_ordinals.tsv": (4, 4),
    "source_phrases.tsv": (2, 2),
    "speech_verbs.tsv": (5, 5),
    "titles.tsv": (3, 3),
    "weekdays.tsv": (3, 3),
}


class ResourceError(ValueError):
    """A malformed row of a resource file (the message names the file and the line)."""


def read_lexicon(name: str) -> list[str]:
    """Lines of a resource file, without comments and blank lines."""
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a resource file (``read_lexicon``), split on tabs, cells stripped; read once."""
    return tuple(tuple(c.strip() for c in ln.split("\t")) for ln in read_lexicon(name))


def check_file(path: Path, columns: tuple[int, int]) -> None:
    """Every row of ``path`` has between ``columns[0]`` and ``columns[1]`` columns, none empty."""
    fewest, most = columns
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{path}: cannot be read ({exc})") from None
    for number, line in enumerate(lines, 1):
        row = line.strip()
        if not row or row.startswith("#"):
            continue
        cells = row.split("\t")
        if not fewest <= len(cells) <= most:
            want = str(fewest) if fewest == most else f"{fewest} to {most}"
            raise ResourceError(f"{path}:{number}: {len(cells)} tab-separated columns, expected {want}: {row!r}")
        empty = [k + 1 for k, c in enumerate(cells) if not c.strip()]
        if empty:
            raise ResourceError(f"{path}:{number}: column {empty[0]} is empty: {row!r}")


def validate() -> None:
    """Check every resource file (raises :class:`ResourceError` naming file and line); a few
    milliseconds, done by every ``load()``."""
    for name, columns in COLUMNS.items():
        check_file(RESOURCES / name, columns)
