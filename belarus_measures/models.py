"""Pandera models: one DataFrameModel per table, with the dtypes the accessors return.

Column order, nullability, uniqueness, enumerations, patterns and bounds are read from
the descriptor (``_schema``); only the pandas dtype of each column is written here, and
``tests/test_schema_sources.py`` checks it against the descriptor's type field by field.
Importing this module imports pandas and pandera: the package imports it lazily.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from belarus_measures.store import schema as _schema


def _column(table: str, column: str) -> Any:
    f = _schema.table(table).field(column)
    kwargs: dict[str, Any] = {"nullable": not f.required, "unique": f.unique}
    if f.enum is not None:
        kwargs["dtype_kwargs"] = {"categories": list(f.enum), "ordered": False}
    if f.pattern is not None:
        kwargs["str_matches"] = f.pattern
    if f.minimum is not None:
        kwargs["ge"] = f.minimum
    if f.max_length is not None:
        kwargs["str_length"] = {"max_value": f.max_length}
    return pa.Field(**kwargs)


def _config(table: str) -> type:
    pk = list(_schema.table(table).primary_key)

    class Config:
        strict = True
        ordered = True
        # A composite primary key is unique as a whole; one-column keys are unique fields.
        unique = pk if len(pk) > 1 else None

    return Config


class ActorsModel(pa.DataFrameModel):
    """Rows of ``actors``; see the descriptor for each column's meaning."""

    actor_id: Series[pd.StringDtype] = _column("actors", "actor_id")
    name: Series[pd.StringDtype] = _column("actors", "name")
    actor_type: Series[pd.CategoricalDtype] = _column("actors", "actor_type")
    jurisdiction: Series[pd.StringDtype] = _column("actors", "jurisdiction")
    parent_id: Series[pd.StringDtype] = _column("actors", "parent_id")
    Config = _config("actors")


class MeasuresModel(pa.DataFrameModel):
    """Rows of ``measures``."""

    measure_id: Series[pd.StringDtype] = _column("measures", "measure_id")
    date: Series[pd.Timestamp] = _column("measures", "date")
    date_precision: Series[pd.CategoricalDtype] = _column("measures", "date_precision")
    date_effective: Series[pd.Timestamp] = _column("measures", "date_effective")
    date_end: Series[pd.Timestamp] = _column("measures", "date_end")
    actor_id: Series[pd.StringDtype] = _column("measures", "actor_id")
    measure_type: Series[pd.CategoricalDtype] = _column("measures", "measure_type")
    title: Series[pd.StringDtype] = _column("measures", "title")
    summary: Series[pd.StringDtype] = _column("measures", "summary")
    legal_reference: Series[pd.StringDtype] = _column("measures", "legal_reference")
    binding: Series[pd.BooleanDtype] = _column("measures", "binding")
    status: Series[pd.CategoricalDtype] = _column("measures", "status")
    trigger_event_id: Series[pd.StringDtype] = _column("measures", "trigger_event_id")
    background: Series[pd.BooleanDtype] = _column("measures", "background")
    Config = _config("measures")


class DesignationCountsModel(pa.DataFrameModel):
    """Rows of ``designation_counts``."""

    measure_id: Series[pd.StringDtype] = _column("designation_counts", "measure_id")
    target_kind: Series[pd.CategoricalDtype] = _column("designation_counts", "target_kind")
    count: Series[pd.Int64Dtype] = _column("designation_counts", "count")
    Config = _config("designation_counts")


class VotesModel(pa.DataFrameModel):
    """Rows of ``votes``."""

    measure_id: Series[pd.StringDtype] = _column("votes", "measure_id")
    actor_id: Series[pd.StringDtype] = _column("votes", "actor_id")
    date: Series[pd.Timestamp] = _column("votes", "date")
    method: Series[pd.CategoricalDtype] = _column("votes", "method")
    votes_for: Series[pd.Int64Dtype] = _column("votes", "votes_for")
    votes_against: Series[pd.Int64Dtype] = _column("votes", "votes_against")
    abstentions: Series[pd.Int64Dtype] = _column("votes", "abstentions")
    result: Series[pd.CategoricalDtype] = _column("votes", "result")
    Config = _config("votes")


class MeasureLinksModel(pa.DataFrameModel):
    """Rows of ``measure_links``."""

    measure_id: Series[pd.StringDtype] = _column("measure_links", "measure_id")
    related_measure_id: Series[pd.StringDtype] = _column("measure_links", "related_measure_id")
    relation: Series[pd.CategoricalDtype] = _column("measure_links", "relation")
    Config = _config("measure_links")


class EventsModel(pa.DataFrameModel):
    """Rows of ``events``."""

    event_id: Series[pd.StringDtype] = _column("events", "event_id")
    date: Series[pd.Timestamp] = _column("events", "date")
    end_date: Series[pd.Timestamp] = _column("events", "end_date")
    event_type: Series[pd.CategoricalDtype] = _column("events", "event_type")
    title: Series[pd.StringDtype] = _column("events", "title")
    summary: Series[pd.StringDtype] = _column("events", "summary")
    source_id: Series[pd.StringDtype] = _column("events", "source_id")
    quote: Series[pd.StringDtype] = _column("events", "quote")
    Config = _config("events")


class SourcesModel(pa.DataFrameModel):
    """Rows of ``sources``."""

    source_id: Series[pd.StringDtype] = _column("sources", "source_id")
    title: Series[pd.StringDtype] = _column("sources", "title")
    publisher: Series[pd.StringDtype] = _column("sources", "publisher")
    url: Series[pd.StringDtype] = _column("sources", "url")
    published: Series[pd.Timestamp] = _column("sources", "published")
    source_type: Series[pd.CategoricalDtype] = _column("sources", "source_type")
    language: Series[pd.StringDtype] = _column("sources", "language")
    Config = _config("sources")


class CitationsModel(pa.DataFrameModel):
    """Rows of ``citations``."""

    measure_id: Series[pd.StringDtype] = _column("citations", "measure_id")
    source_id: Series[pd.StringDtype] = _column("citations", "source_id")
    quote: Series[pd.StringDtype] = _column("citations", "quote")
    Config = _config("citations")


class FiguresModel(pa.DataFrameModel):
    """Rows of ``figures``."""

    figure_id: Series[pd.StringDtype] = _column("figures", "figure_id")
    date: Series[pd.Timestamp] = _column("figures", "date")
    indicator: Series[pd.CategoricalDtype] = _column("figures", "indicator")
    value: Series[float] = _column("figures", "value")
    qualifier: Series[pd.CategoricalDtype] = _column("figures", "qualifier")
    subject: Series[pd.StringDtype] = _column("figures", "subject")
    actor_id: Series[pd.StringDtype] = _column("figures", "actor_id")
    source_id: Series[pd.StringDtype] = _column("figures", "source_id")
    quote: Series[pd.StringDtype] = _column("figures", "quote")
    Config = _config("figures")


class TargetsModel(pa.DataFrameModel):
    """Rows of ``targets``."""

    target_id: Series[pd.StringDtype] = _column("targets", "target_id")
    name: Series[pd.StringDtype] = _column("targets", "name")
    name_romanised: Series[pd.BooleanDtype] = _column("targets", "name_romanised")
    target_kind: Series[pd.CategoricalDtype] = _column("targets", "target_kind")
    country: Series[pd.StringDtype] = _column("targets", "country")
    description: Series[pd.StringDtype] = _column("targets", "description")
    birth_date: Series[pd.StringDtype] = _column("targets", "birth_date")
    Config = _config("targets")


class TargetAliasesModel(pa.DataFrameModel):
    """Rows of ``target_aliases``."""

    target_id: Series[pd.StringDtype] = _column("target_aliases", "target_id")
    alias: Series[pd.StringDtype] = _column("target_aliases", "alias")
    script: Series[pd.CategoricalDtype] = _column("target_aliases", "script")
    language: Series[pd.StringDtype] = _column("target_aliases", "language")
    list_id: Series[pd.CategoricalDtype] = _column("target_aliases", "list_id")
    entry_id: Series[pd.StringDtype] = _column("target_aliases", "entry_id")
    source_id: Series[pd.StringDtype] = _column("target_aliases", "source_id")
    Config = _config("target_aliases")


class DesignationsModel(pa.DataFrameModel):
    """Rows of ``designations``."""

    measure_id: Series[pd.StringDtype] = _column("designations", "measure_id")
    target_id: Series[pd.StringDtype] = _column("designations", "target_id")
    list_id: Series[pd.CategoricalDtype] = _column("designations", "list_id")
    entry_id: Series[pd.StringDtype] = _column("designations", "entry_id")
    source_id: Series[pd.StringDtype] = _column("designations", "source_id")
    quote: Series[pd.StringDtype] = _column("designations", "quote")
    Config = _config("designations")


class ListEntriesModel(pa.DataFrameModel):
    """Rows of ``list_entries``."""

    list_id: Series[pd.CategoricalDtype] = _column("list_entries", "list_id")
    entry_id: Series[pd.StringDtype] = _column("list_entries", "entry_id")
    target_id: Series[pd.StringDtype] = _column("list_entries", "target_id")
    name: Series[pd.StringDtype] = _column("list_entries", "name")
    programme: Series[pd.StringDtype] = _column("list_entries", "programme")
    reference: Series[pd.StringDtype] = _column("list_entries", "reference")
    listed_on: Series[pd.Timestamp] = _column("list_entries", "listed_on")
    designated_on: Series[pd.Timestamp] = _column("list_entries", "designated_on")
    birth_dates: Series[pd.StringDtype] = _column("list_entries", "birth_dates")
    source_id: Series[pd.StringDtype] = _column("list_entries", "source_id")
    extract_file: Series[pd.StringDtype] = _column("list_entries", "extract_file")
    extract_row: Series[pd.Int64Dtype] = _column("list_entries", "extract_row")
    Config = _config("list_entries")


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "actors": ActorsModel,
    "measures": MeasuresModel,
    "designation_counts": DesignationCountsModel,
    "votes": VotesModel,
    "measure_links": MeasureLinksModel,
    "events": EventsModel,
    "sources": SourcesModel,
    "citations": CitationsModel,
    "figures": FiguresModel,
    "targets": TargetsModel,
    "target_aliases": TargetAliasesModel,
    "designations": DesignationsModel,
    "list_entries": ListEntriesModel,
}
