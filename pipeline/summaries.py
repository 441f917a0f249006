"""Corpus-level tables computed from the consolidated output tables.

``entity_summary``: one row per entity (canonical name and label) with the number of documents
and mentions, and the first and last publication date of the documents it appears in.
``speaker_summary``: one row per speaker (the canonical name of the linked entity when the quote's
speaker is linked to one, else the speaker as written; one row with an empty speaker collects the
unattributed quotes) with the linked entity id, the most frequent role, the numbers of quotes and
documents, and the first and last publication date.

Entry point: ``write_summaries(outdir, tables=frames)`` writes both summaries beside the tables, CSV
(UTF-8 with BOM) and Parquet, with the same writers; a run passes its frames, in memory; without
them the written tables are read.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .io.writers import conform, read_table, write_table

SUMMARY_SCHEMA: dict[str, dict[str, str]] = {
    "entity_summary": {
        "canonical": "string",  # canonical name (the mention text when the entity has none)
        "label": "string",  # PER | ORG | LOC | MISC
        "documents": "Int64",  # documents that mention it
        "mentions": "Int64",  # mentions in all documents
        "first_published": "string",  # earliest publication date (ISO) of those documents
        "last_published": "string",  # latest publication date (ISO) of those documents
    },
    "speaker_summary": {
        "speaker": "string",  # linked entity's canonical name, else the speaker as written; empty: unattributed
        "speaker_entity_id": "string",  # entity id the speaker is linked to (most frequent; per document)
        "role": "string",  # most frequent role (title) given to the speaker
        "quotes": "Int64",  # quotations (the parts of one quotation across paragraphs count once)
        "documents": "Int64",
        "first_published": "string",
        "last_published": "string",
    },
}
SUMMARIES = tuple(SUMMARY_SCHEMA)
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _frame(table: str, frame: pd.DataFrame) -> pd.DataFrame:
    return conform(frame.reset_index(drop=True), SUMMARY_SCHEMA[table])


def _published(documents: pd.DataFrame) -> pd.Series:
    """doc_id -> ISO publication day (missing or unreadable dates dropped)."""
    if documents is None or documents.empty:
        return pd.Series(dtype="string")
    pub = documents.set_index("doc_id")["published"].astype("string").str.slice(0, 10)
    return pub[pub.fillna("").str.match(_ISO_DAY)]


def _most_common(values: pd.Series):
    values = values.dropna()
    values = values[values.astype(str) != ""]
    if values.empty:
        return None
    counts = values.value_counts()
    top = counts[counts == counts.max()].index
    return sorted(top)[0]  # ties: the first in sort order, so results are reproducible


def _most_common_by(frame: pd.DataFrame, key: str, col: str, groups: pd.Index) -> pd.Series:
    """``frame.groupby(key, dropna=False, sort=False)[col].agg(_most_common)`` (indexed by
    ``groups``, the groupby's keys) in one pass over the rows instead of one pandas call per group."""
    values = frame[col]
    keep = (values.notna() & (values.astype(str) != "")).to_numpy(dtype=bool)
    counts: dict = {}
    keys = frame[key].to_numpy(dtype=object)[keep].tolist()
    for k, v in zip(keys, values.to_numpy(dtype=object)[keep].tolist(), strict=True):
        per = counts.setdefault(None if pd.isna(k) else k, {})
        per[v] = per.get(v, 0) + 1
    best = {}
    for k, per in counts.items():
        top = max(per.values())
        best[k] = sorted(v for v, n in per.items() if n == top)[0]  # ties: the first in sort order
    return pd.Series([best.get(None if pd.isna(k) else k) for k in groups], index=groups, dtype=object)


def _aggregate(rows: pd.DataFrame, keys: list[str], published: pd.Series, count_name: str) -> pd.DataFrame:
    rows = rows.assign(_pub=rows["doc_id"].map(published))
    grouped = rows.groupby(keys, dropna=False, sort=False)
    out = grouped.agg(
        documents=("doc_id", "nunique"),
        **{count_name: ("doc_id", "size")},
        first_published=("_pub", "min"),
        last_published=("_pub", "max"),
    )
    return out.reset_index()


def entity_summary(entities: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (canonical, label), most mentioned first."""
    if entities is None or entities.empty:
        return _frame("entity_summary", pd.DataFrame())
    ents = entities.copy()
    canon = ents["canonical"].astype("string")
    ents["canonical"] = canon.where(canon.fillna("").str.strip() != "", ents["text"].astype("string"))
    out = _aggregate(ents, ["canonical", "label"], _published(documents), "mentions")
    out = out.sort_values(["mentions", "documents", "canonical", "label"], ascending=[False, False, True, True])
    return _frame("entity_summary", out)


def speaker_names(quotes: pd.DataFrame, entities: pd.DataFrame | None) -> pd.Series:
    """Each quote's speaker key: canonical name of its linked entity, else the speaker text."""
    speaker = quotes["speaker"].astype("string").str.strip()
    speaker = speaker.where(speaker.fillna("") != "", pd.NA)
    if entities is None or entities.empty or "entity_id" not in entities:
        return speaker
    ents = entities.dropna(subset=["entity_id", "canonical"])
    ents = ents[ents["canonical"].astype(str).str.strip() != ""]
    canonical = ents.drop_duplicates(["doc_id", "entity_id"]).set_index(["doc_id", "entity_id"])["canonical"]
    keys = pd.MultiIndex.from_arrays([quotes["doc_id"], quotes["speaker_entity_id"]])
    linked = pd.Series(canonical.reindex(keys).to_numpy(), index=quotes.index, dtype="string")
    return linked.fillna(speaker)


def speaker_summary(
    quotes: pd.DataFrame, entities: pd.DataFrame | None = None, documents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per speaker, most quoted first; unattributed quotes in one row with no speaker."""
    if quotes is None or quotes.empty:
        return _frame("speaker_summary", pd.DataFrame())
    q = quotes.copy()
    q["speaker"] = speaker_names(q, entities)
    # a quotation cut across paragraphs is one quote: its continuations (linked_to set) are not counted
    if "linked_to" in q:
        q = q[q["linked_to"].astype("string").fillna("").str.strip() == ""]
    out = _aggregate(q, ["speaker"], _published(documents), "quotes")
    groups = q.groupby("speaker", dropna=False, sort=False).size().index
    extra = pd.DataFrame(
        {
            "speaker_entity_id": _most_common_by(q, "speaker", "speaker_entity_id", groups),
            "role": _most_common_by(q, "speaker", "speaker_role", groups),
        }
    ).reset_index()
    out = out.merge(extra, on="speaker", how="left")
    out = out.sort_values(["quotes", "documents", "speaker"], ascending=[False, False, True], na_position="last")
    return _frame("speaker_summary", out)


def summarize(outdir: str | Path) -> dict[str, pd.DataFrame]:
    """Both summaries of the tables written in ``outdir``."""
    return summary_tables({t: _read(outdir, t) for t in ("documents", "entities", "quotes")})


def summary_tables(tables: dict[str, pd.DataFrame | None]) -> dict[str, pd.DataFrame]:
    """Both summaries of the ``documents``, ``entities`` and ``quotes`` frames."""
    return {
        "entity_summary": entity_summary(tables["entities"], tables["documents"]),
        "speaker_summary": speaker_summary(tables["quotes"], tables["entities"], tables["documents"]),
    }


def _read(outdir: str | Path, table: str) -> pd.DataFrame | None:
    outdir = Path(outdir)
    if not any((outdir / f"{table}.{ext}").exists() for ext in ("parquet", "csv")):
        return None
    return read_table(outdir, table)


def write_summaries(outdir: str | Path, formats=("csv", "parquet"),
                    tables: dict[str, pd.DataFrame] | None = None) -> dict[str, int]:
    """Write both summaries into ``outdir``, computed from ``tables`` (the frames of a run, in
    memory) or, without them, from the tables written in ``outdir``; returns row counts."""
    outdir = Path(outdir)
    counts = {}
    for name, frame in (summarize(outdir) if tables is None else summary_tables(tables)).items():
        write_table(outdir, name, frame, formats)
        counts[name] = len(frame)
    return counts
