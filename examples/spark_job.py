"""The Spark job of docs/etl.md: clean a table of pages into a table of articles.

    spark-submit examples/spark_job.py s3://bucket/pages/ s3://bucket/articles/

It computes once: the cleaned rows are written in one action (failed pages too, as rows
with `error` set), and the error report is read back from the written files. Two actions
on the un-cached result (one per output) would clean every page twice.
"""

from __future__ import annotations

import sys
from typing import Any

from cleannews import Pipeline, default_pipeline
from cleannews.spark import clean_dataframe


def run(spark: Any, source: str, target: str, pipeline: Pipeline | None = None) -> None:
    from pyspark.sql import functions as F

    pages = spark.read.parquet(source)  # columns: url, html (string or binary), any others
    pipeline = pipeline or default_pipeline().with_config(html_time_budget=5.0)
    articles = clean_dataframe(
        pages, "html", kind="html", id_column="url", url_column="url", pipeline=pipeline
    )
    # The one action that cleans: every row, partitioned by language (failed pages and
    # pages of unknown language go to language=__HIVE_DEFAULT_PARTITION__).
    articles.write.mode("overwrite").partitionBy("language").parquet(target)
    # Read back from the written files: this cleans nothing again.
    written = spark.read.parquet(target)
    failed = written.where(F.col("error").isNotNull())
    failed.select("id", "input_url", "error.type", "error.message").write.mode("overwrite").json(
        target.rstrip("/") + "_errors"
    )


def main(source: str, target: str) -> None:
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("cleannews").getOrCreate()
    run(spark, source, target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
