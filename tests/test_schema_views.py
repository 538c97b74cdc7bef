"""One definition of the record and the table (cleannews.fields); the JSON Schema, the
Arrow schema, the Spark schema and datasets.Features are views of it, checked against each
other here (issue 16, "one schema, many views")."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import cleannews
from cleannews.batch import BatchResult
from cleannews.fields import RECORD, TABLE, record_json_schema
from cleannews.readers import Source
from cleannews.tabular import COLUMN_NAMES, SPARK_DDL, published_columns, result_rows
from samples import PAGE

SCHEMA_FILE = Path(cleannews.__file__).parent / "schema" / "article.schema.json"
SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))[:12]


def test_the_shipped_json_schema_is_the_generated_one():
    assert json.loads(SCHEMA_FILE.read_text("utf-8")) == record_json_schema()
    assert cleannews.json_schema() == record_json_schema()


def test_the_record_definition_is_what_to_dict_gives():
    article = cleannews.clean(PAGE)
    assert list(article.to_dict()) == [f.name for f in RECORD]


def test_table_columns_are_the_record_flattened():
    record = [f.name for f in RECORD]
    table = list(COLUMN_NAMES)
    assert set(table) - set(record) == {
        "id",
        "story",
        "source",
        "published_at",
        "published_iso",
        "input_url",
        "error",
    }
    assert set(record) - set(table) == {"schema_version", "others"}
    assert table.index("input_url") == table.index("url") + 1


def test_arrow_and_spark_views_agree():
    pytest.importorskip("pyarrow")
    pytest.importorskip("pyspark")
    from pyspark.sql.pandas.types import from_arrow_schema

    spark = from_arrow_schema(cleannews.arrow_schema()).simpleString()
    ddl = (
        "struct<"
        + ",".join(
            part.strip().replace("`", "").replace(" ", ":", 1) for part in _split_ddl(SPARK_DDL)
        )
        + ">"
    )
    assert spark == ddl


def _split_ddl(ddl: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in ddl:
        depth += char == "<"
        depth -= char == ">"
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def test_datasets_features_agree_with_arrow():
    pytest.importorskip("datasets")
    pa = pytest.importorskip("pyarrow")
    features = cleannews.table_features()
    assert features.arrow_schema.names == list(COLUMN_NAMES)
    for field in cleannews.arrow_schema():
        assert features.arrow_schema.field(field.name).type == field.type, field.name
    record = cleannews.record_features().arrow_schema
    assert record.names == [f.name for f in RECORD]
    assert record.field("published").type == pa.string()  # to_dict() keeps ISO text


_JSON_TO_ARROW = {"string": "string", "integer": "int32"}


def _arrow_of_json(prop: dict, defs: dict) -> str:
    """The Arrow type string a JSON Schema property maps to (the columns both describe)."""
    if "$ref" in prop:
        ref = defs[prop["$ref"].rsplit("/", 1)[-1]]["properties"]
        inner = ", ".join(f"{k}: {_arrow_of_json(v, defs)}" for k, v in ref.items())
        return f"struct<{inner}>"
    kind = prop["type"]
    if kind == "array":
        return f"list<item: {_arrow_of_json(prop['items'], defs)}>"
    name = kind[0] if isinstance(kind, list) else kind
    return _JSON_TO_ARROW[name]


def test_json_schema_and_arrow_agree_on_shared_columns():
    pytest.importorskip("pyarrow")
    schema = record_json_schema()
    arrow = cleannews.arrow_schema()
    shared = [n for n in COLUMN_NAMES if n in schema["properties"] and n != "published"]
    assert len(shared) == 13
    for name in shared:
        expected = _arrow_of_json(schema["properties"][name], schema["$defs"])
        assert str(arrow.field(name).type) == expected, name


# -- published is typed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "day", "instant", "iso"),
    [
        (None, None, None, None),
        (dt.date(2024, 3, 1), dt.date(2024, 3, 1), None, "2024-03-01"),
        (dt.datetime(2024, 3, 1, 23, 30), dt.date(2024, 3, 1), None, "2024-03-01T23:30:00"),
        (
            dt.datetime(2024, 3, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            dt.date(2024, 3, 1),  # the page's own day, not the UTC one
            dt.datetime(2024, 3, 2, 4, 30, tzinfo=dt.timezone.utc),
            "2024-03-01T23:30:00-05:00",
        ),
    ],
)
def test_published_columns(value, day, instant, iso):
    assert published_columns(value) == {
        "published": day,
        "published_at": instant,
        "published_iso": iso,
    }


def test_published_is_a_date_and_a_timestamp_in_parquet(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    aware = dt.datetime(2024, 3, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    articles = (
        cleannews.Article(title="a", published=aware),
        cleannews.Article(title="b", published=dt.date(2024, 2, 29)),
        cleannews.Article(title="c"),
    )
    rows = [r for i, a in enumerate(articles) for r in result_rows(BatchResult(i, (a,)))]
    pq.write_table(pa.Table.from_batches([cleannews.to_record_batch(rows)]), tmp_path / "t.pq")
    table = pq.read_table(tmp_path / "t.pq")
    assert table.schema.field("published").type == pa.date32()
    assert table.schema.field("published_at").type == pa.timestamp("us", tz="UTC")
    assert table.column("published").to_pylist() == [
        dt.date(2024, 3, 1),
        dt.date(2024, 2, 29),
        None,
    ]
    assert table.column("published_at").to_pylist() == [
        dt.datetime(2024, 3, 2, 4, 30, tzinfo=dt.timezone.utc),
        None,
        None,
    ]
    frame = table.to_pandas()
    assert str(frame["published_at"].dtype) == "datetime64[us, UTC]"
    assert frame["published_iso"].tolist() == ["2024-03-01T23:30:00-05:00", "2024-02-29", None]


# -- to_dict() with datasets: types hold whatever a batch happens to contain ---------------------


def _pages() -> list[str]:
    """Pages whose records differ in which optional fields are empty."""
    bare = "The council voted on Tuesday to approve the budget after a long debate, officials said."
    return [bare] * 4 + [PAGE] * 2 + [p.read_text("utf-8") for p in SEEDS]


def test_to_dict_fits_the_record_features_for_every_page():
    pa = pytest.importorskip("pyarrow")
    pytest.importorskip("datasets")
    schema = cleannews.record_features().arrow_schema
    records = [cleannews.clean(page).to_dict() for page in _pages()]
    table = pa.Table.from_pylist(records, schema=schema)
    assert table.num_rows == len(records)
    assert table.to_pylist() == records  # nothing lost or retyped on the way


def test_datasets_map_with_varying_optional_fields(tmp_path):
    datasets = pytest.importorskip("datasets")
    datasets.disable_progress_bars()
    ds = datasets.Dataset.from_dict({"text": _pages()})

    def clean(example):
        return cleannews.clean(example["text"]).to_dict()

    kwargs = {"batch_size": 2, "writer_batch_size": 2, "remove_columns": ["text"]}
    with pytest.raises(Exception, match="null"):  # cast to null, or type null
        ds.map(clean, cache_file_name=str(tmp_path / "a.arrow"), **kwargs)  # inferred: breaks
    out = ds.map(
        clean,
        features=cleannews.record_features(),
        cache_file_name=str(tmp_path / "b.arrow"),
        **kwargs,
    )
    assert out.num_rows == len(_pages())
    assert out[4]["authors"] == ["Jane Doe"]
    assert out[0]["summary"] == []


def test_table_rows_fit_the_table_features():
    pytest.importorskip("datasets")
    datasets = pytest.importorskip("datasets")
    results = list(cleannews.clean_many((Source(i), p) for i, p in enumerate(_pages()[:6])))
    rows = cleannews.table_rows(results)
    ds = datasets.Dataset.from_list(rows, features=cleannews.table_features())
    assert ds.num_rows == len(rows) and ds[0]["id"] == "0"


def test_the_tabular_functions_are_public_api():
    for name in (
        "arrow_schema",
        "record_features",
        "result_rows",
        "table_features",
        "table_rows",
        "to_record_batch",
        "SPARK_DDL",
        "TABLE_COLUMNS",
    ):
        assert name in cleannews.__all__ and hasattr(cleannews, name)
    assert tuple(f.name for f in TABLE) == cleannews.TABLE_COLUMNS
