"""The record and the table, described once; every schema is a view of this description.

Four tools need the shape of cleannews' output, and each used to be written by hand (and
they disagreed): the JSON Schema of `Article.to_dict()`, the Arrow schema of the table
(Parquet), the Spark schema of the same table, and Hugging Face `datasets.Features`. Here
each field is declared once, with its type in a small vocabulary, and:

* `record_json_schema()` is the JSON Schema of `Article.to_dict()` (shipped as
  `schema/article.schema.json`; a test checks the file against this function);
* `table_arrow_schema()`, `table_spark_ddl()` are the table's (`cleannews.tabular`);
* `record_features()` / `table_features()` are `datasets.Features` of a record and of a
  table row, so `ds.map(lambda ex: clean(...).to_dict(), features=record_features())`
  keeps its types when a batch happens to have only empty lists.

The table is the record flattened for columnar tools: `others` become rows of their own
(`story`), `schema_version` is dropped, the page's `id`, `source`, `input_url` and `error`
are added, and `published` is typed (see `PUBLISHED_COLUMNS`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Scalar:
    """string, int32, int64, date (a day) or timestamp (UTC instant, microseconds)."""

    name: str


@dataclass(frozen=True, slots=True)
class ListOf:
    item: FieldType


@dataclass(frozen=True, slots=True)
class Struct:
    fields: tuple[Field, ...]


@dataclass(frozen=True, slots=True)
class RecordRef:
    """The record itself (for `others`: a list of records, each with empty `others`)."""


FieldType = Scalar | ListOf | Struct | RecordRef


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: FieldType
    nullable: bool = True
    json: tuple[tuple[str, Any], ...] = ()  # extra JSON Schema keywords (pattern, const...)
    #: Not required in JSON: added after records were first written, so older records
    #: (without it) still validate and load.
    optional: bool = False


STRING = Scalar("string")
STRINGS = ListOf(STRING)

REMOVAL = Struct(
    (
        Field("text", STRING, nullable=False),
        Field("rule", STRING, nullable=False),
        Field("stage", STRING, nullable=False),
        Field("line", Scalar("int32"), json=(("minimum", 0),)),
        Field("field", STRING),
        Field("trigger_line", Scalar("int32"), json=(("minimum", 0),), optional=True),
        Field("trigger_rule", STRING, optional=True),
        Field("trigger_text", STRING, optional=True),
        Field("element", STRING, optional=True),
        Field("marker", STRING, optional=True),
    )
)
_PUBLISHED_TEXT = (
    "ISO 8601: YYYY-MM-DD for a date, YYYY-MM-DDTHH:MM[:SS][+HH:MM] for a date and time"
)
PUBLISHED_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2})?)?$"

#: `Article.to_dict()`, in order.
RECORD: tuple[Field, ...] = (
    Field("schema_version", STRING, nullable=False, json=(("const", SCHEMA_VERSION),)),
    Field("title", STRING),
    Field("subtitle", STRING),
    Field("summary", STRINGS, nullable=False),
    Field("authors", STRINGS, nullable=False),
    Field(
        "published",
        STRING,
        json=(
            ("description", _PUBLISHED_TEXT),
            ("pattern", PUBLISHED_PATTERN),
        ),
    ),
    Field("dateline", STRING),
    Field("paragraphs", STRINGS, nullable=False),
    Field("body", STRING, nullable=False),
    Field("captions", STRINGS, nullable=False),
    Field("language", STRING, json=(("pattern", "^[a-z]{2,3}$"),)),
    Field("url", STRING),
    Field("site_name", STRING),
    Field("others", ListOf(RecordRef()), nullable=False),
    Field("removed", ListOf(REMOVAL), nullable=False),
    Field("warnings", STRINGS, nullable=False),
)

SOURCE = Struct(
    (
        Field("file", STRING),
        Field("line", Scalar("int64")),
        Field("record", Scalar("int64")),
        Field("offset", Scalar("int64")),
        Field("warc_record_id", STRING),
        Field("warc_target_uri", STRING),
    )
)
ERROR = Struct((Field("type", STRING), Field("message", STRING)))

#: How `published` is typed in the table: the day as the page gives it (its own time
#: zone, not converted), the instant when a time with a zone is known, and the exact ISO
#: text (keeps a time without a zone, which is no instant).
PUBLISHED_COLUMNS: tuple[Field, ...] = (
    Field("published", Scalar("date")),
    Field("published_at", Scalar("timestamp")),
    Field("published_iso", STRING),
)

_TABLE_EXTRA_AFTER = {"url": (Field("input_url", STRING),)}
_NOT_IN_TABLE = ("schema_version", "others")


def _table_columns() -> tuple[Field, ...]:
    columns = [
        Field("id", STRING),
        Field("story", Scalar("int32")),
        Field("source", SOURCE),
    ]
    for field in RECORD:
        if field.name in _NOT_IN_TABLE:
            continue
        if field.name == "published":
            columns.extend(PUBLISHED_COLUMNS)
            continue
        # every table column may be null: a failed page's row has only id, source, error
        columns.append(Field(field.name, field.type))
        columns.extend(_TABLE_EXTRA_AFTER.get(field.name, ()))
    columns.append(Field("error", ERROR))
    return tuple(columns)


#: The table's columns, in order (`cleannews.tabular`).
TABLE: tuple[Field, ...] = _table_columns()


# -- JSON Schema ---------------------------------------------------------------------------


def record_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of `Article.to_dict()`."""
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://cleannews.invalid/schema/article-{SCHEMA_VERSION}.json",
        "title": "cleannews Article",
        "description": "One clean story, as produced by Article.to_dict().",
    }
    schema.update(_json_object(RECORD))
    schema["$defs"] = {"removal": _json_object(REMOVAL.fields)}
    return schema


def _json_object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if not f.optional],
        "properties": {f.name: _json_field(f) for f in fields},
    }


def _json_field(field: Field) -> dict[str, Any]:
    extra = dict(field.json)
    if "const" in extra:
        return extra
    out = _json_type(field.type, field.nullable)
    out.update(extra)
    return out


_JSON_SCALARS = {"string": "string", "int32": "integer", "int64": "integer"}


def _json_type(kind: FieldType, nullable: bool) -> dict[str, Any]:
    if isinstance(kind, Scalar):
        name = _JSON_SCALARS[kind.name]
        return {"type": [name, "null"] if nullable else name}
    if isinstance(kind, ListOf):
        if isinstance(kind.item, RecordRef):
            return {"type": "array", "items": {"$ref": "#"}}
        if kind.item == REMOVAL:
            return {"type": "array", "items": {"$ref": "#/$defs/removal"}}
        return {"type": "array", "items": _json_type(kind.item, False)}
    raise TypeError(f"no JSON Schema view for {kind!r}")  # pragma: no cover


# -- Arrow -----------------------------------------------------------------------------------


def table_arrow_schema() -> Any:
    """The table as a `pyarrow.Schema` (needs pyarrow)."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, _arrow_type(f.type), nullable=True) for f in TABLE])


def _arrow_type(kind: FieldType) -> Any:
    import pyarrow as pa

    if isinstance(kind, Scalar):
        return {
            "string": pa.string(),
            "int32": pa.int32(),
            "int64": pa.int64(),
            "date": pa.date32(),
            "timestamp": pa.timestamp("us", tz="UTC"),
        }[kind.name]
    if isinstance(kind, ListOf):
        return pa.list_(_arrow_type(kind.item))
    if isinstance(kind, Struct):
        return pa.struct([(f.name, _arrow_type(f.type)) for f in kind.fields])
    raise TypeError("the table has no nested records")  # pragma: no cover


# -- Spark -----------------------------------------------------------------------------------

_SPARK_SCALARS = {
    "string": "string",
    "int32": "int",
    "int64": "bigint",
    "date": "date",
    "timestamp": "timestamp",
}


def table_spark_ddl() -> str:
    """The table as a Spark DDL string (Spark keeps timestamps as UTC instants)."""
    return ", ".join(f"`{f.name}` {spark_type(f.type)}" for f in TABLE)


def spark_type(kind: FieldType) -> str:
    if isinstance(kind, Scalar):
        return _SPARK_SCALARS[kind.name]
    if isinstance(kind, ListOf):
        return f"array<{spark_type(kind.item)}>"
    if isinstance(kind, Struct):
        return "struct<" + ",".join(f"{f.name}:{spark_type(f.type)}" for f in kind.fields) + ">"
    raise TypeError("the table has no nested records")  # pragma: no cover


# -- Hugging Face datasets ------------------------------------------------------------------

_HF_SCALARS = {
    "string": "string",
    "int32": "int32",
    "int64": "int64",
    "date": "date32",
    "timestamp": "timestamp[us, tz=UTC]",
}


def record_features() -> Any:
    """`datasets.Features` of `Article.to_dict()` (needs the datasets package).

    `others` holds records whose own `others` are always empty: typed as a list of nulls.
    """
    import datasets

    return datasets.Features({f.name: _hf_type(f.type, depth=0) for f in RECORD})


def table_features() -> Any:
    """`datasets.Features` of a table row (`cleannews.tabular.result_rows`)."""
    import datasets

    return datasets.Features({f.name: _hf_type(f.type, depth=0) for f in TABLE})


def _hf_type(kind: FieldType, depth: int) -> Any:
    import datasets

    if isinstance(kind, Scalar):
        return datasets.Value(_HF_SCALARS[kind.name])
    if isinstance(kind, ListOf):
        if isinstance(kind.item, RecordRef):
            if depth > 0:
                return _hf_list(datasets.Value("null"))
            return _hf_list({f.name: _hf_type(f.type, depth + 1) for f in RECORD})
        return _hf_list(_hf_type(kind.item, depth))
    if isinstance(kind, Struct):
        return {f.name: _hf_type(f.type, depth) for f in kind.fields}
    raise TypeError(f"no datasets view for {kind!r}")  # pragma: no cover


def _hf_list(item: Any) -> Any:
    """A list feature: `datasets.List` (datasets 4) or `[item]` (the older spelling)."""
    import datasets

    factory = getattr(datasets, "List", None)
    return factory(item) if factory is not None else [item]


__all__ = [
    "PUBLISHED_COLUMNS",
    "RECORD",
    "SCHEMA_VERSION",
    "TABLE",
    "Field",
    "ListOf",
    "RecordRef",
    "Scalar",
    "Struct",
    "record_features",
    "record_json_schema",
    "spark_type",
    "table_arrow_schema",
    "table_features",
    "table_spark_ddl",
]
