"""AWS Glue job (Glue 4.0+, PySpark): load the cleaned files the crawler catalogued into PostgreSQL.

The job does what `student-metrics load` does locally, through the same SQL (db/migrations/R__core.*.sql):

  1. core.begin_load(key, sha256, feed, version...) per file   -> a ledger entry per file
  2. write the files' rows to core.student_metrics_staging     -> through the Glue JDBC connection
  3. core.merge_staged(ledger_id, rows_written) per file       -> the spec's "Loading and idempotency"
  4. core.fail_load(ledger_id, error) for every entry still open when anything failed

Each cleaned object carries its lineage as S3 metadata (LineageMetadata in lambda-image/src/StudentMetrics.Functions/Clean,
docs/feed-contract.md "Lineage"): `source-key` (the raw object's key), `source-sha256` (the raw content's hash), the raw
version (`source-version`), its upload time (`source-uploaded-at`), its place among the key's versions
(`source-version-ordinal`) and the event's `source-sequencer` when known. Values are percent-encoded UTF-8 (metadata
travels in ASCII headers; keys are any UTF-8): every value is read through `unquote`. Job bookmarks make a run read only files it
has not read before; a run that fails is not committed, and running it again is safe because the merge is idempotent.

Arguments: --JOB_NAME, --catalog_database, --catalog_table (the crawled clean/ prefix), --connection_name (a JDBC
connection to the database, credentials in Secrets Manager, connecting as a member of student_metrics_loader),
--database_name (the PostgreSQL database).
"""
import sys
from collections import namedtuple
from urllib.parse import unquote, urlparse

# The feed this job loads (core.feeds): the crawler catalogues the student_metrics contract's cleaned files.
FEED = "student_metrics"
STAGING_TABLE = "core.student_metrics_staging"

# Exactly the staging table's columns, in its order, with the Spark type each is written as: the cleaned file's
# columns, then the file's lineage. A test compares this list with the table in a migrated database.
STAGING_COLUMNS = (
    ("student_id", "string"),
    ("school_id", "string"),
    ("grade_level", "short"),
    ("term", "string"),
    ("math_score", "decimal(5,2)"),
    ("reading_score", "decimal(5,2)"),
    ("science_score", "decimal(5,2)"),
    ("gpa", "decimal(3,2)"),
    ("days_enrolled", "short"),
    ("days_present", "short"),
    ("tardies", "int"),
    ("behavior_incidents", "int"),
    ("recorded_on", "date"),
    ("source_row", "int"),
    ("source_key", "string"),
    ("source_sha256", "string"),
)

FILE_COLUMN = "clean_object"

# The lineage the cleaner writes on every output (LineageMetadata in lambda-image/src/StudentMetrics.Functions/Clean);
# a test holds these names to the C# ones.
SOURCE_KEY_METADATA = "source-key"
SOURCE_SHA256_METADATA = "source-sha256"
SOURCE_VERSION_METADATA = "source-version"
SOURCE_UPLOADED_AT_METADATA = "source-uploaded-at"
SOURCE_VERSION_ORDINAL_METADATA = "source-version-ordinal"
SOURCE_SEQUENCER_METADATA = "source-sequencer"

# One cleaned object's lineage, decoded. version_ordinal orders two versions of one key exactly; uploaded_at (ISO 8601,
# UTC) is the upload time files are ordered by across keys; sequencer is None when the event that brought it had none.
Lineage = namedtuple("Lineage", "key sha256 version_id uploaded_at version_ordinal sequencer")

# The freshness alarm (ops/cloudformation/monitoring.yaml) watches this metric: no files loaded for N hours pages on-call.
METRIC_NAMESPACE = "StudentMetrics"
LOADER_DIMENSION = {"Name": "Function", "Value": "load"}


def split_s3_url(url):
    """s3://bucket/clean/a b.csv -> ("bucket", "clean/a b.csv")."""
    parsed = urlparse(url)
    return parsed.netloc, parsed.path.lstrip("/")


def lineage_of(metadata):
    """The lineage in one cleaned object's metadata, every value decoded from its percent-encoding."""
    def value(name):
        return unquote(metadata[name]) if name in metadata else None

    return Lineage(
        key=value(SOURCE_KEY_METADATA),
        sha256=value(SOURCE_SHA256_METADATA).lower(),
        version_id=value(SOURCE_VERSION_METADATA),
        uploaded_at=value(SOURCE_UPLOADED_AT_METADATA),
        version_ordinal=int(metadata[SOURCE_VERSION_ORDINAL_METADATA]) if SOURCE_VERSION_ORDINAL_METADATA in metadata else None,
        sequencer=value(SOURCE_SEQUENCER_METADATA))


def file_lineage(s3, clean_objects):
    """The lineage of each cleaned object, from the metadata the cleaner put on it."""
    return {url: lineage_of(s3.head_object(Bucket=bucket, Key=key)["Metadata"])
            for url, (bucket, key) in ((url, split_s3_url(url)) for url in clean_objects)}


def files_loaded_metric(outcomes):
    """The FilesLoaded datum for one run: files whose rows were merged (skips of content loaded before don't count)."""
    loaded = sum(1 for outcome in outcomes if outcome == "loaded")
    return [{"MetricName": "FilesLoaded", "Dimensions": [LOADER_DIMENSION], "Unit": "Count", "Value": loaded}]


class Ledger:
    """The load functions, called over one JDBC connection (autocommit: each call is its own transaction)."""

    def __init__(self, connection):
        self._connection = connection

    def _query(self, sql, *params):
        """Runs a query returning one row and returns its result set positioned on that row."""
        statement = self._connection.prepareStatement(sql)
        for index, value in enumerate(params, start=1):
            statement.setObject(index, value)
        results = statement.executeQuery()
        results.next()
        return results

    def begin(self, of):
        """Opens the ledger entry of one cleaned object: its version orders it among its key's versions
        (core.version_order), so an older version loaded late cannot replace a newer one."""
        results = self._query(
            "SELECT ledger_id, already_loaded FROM core.begin_load(?, ?, ?, ?, CAST(? AS timestamptz), ?, CAST(? AS bigint))",
            of.key, of.sha256, FEED, of.version_id, of.uploaded_at, of.sequencer, of.version_ordinal)
        return results.getLong(1), results.getBoolean(2)

    def merge(self, ledger_id, rows_written):
        results = self._query(
            "SELECT outcome, rows_inserted, rows_replaced, rows_removed, rows_kept_newer FROM core.merge_staged(?, ?)",
            ledger_id, rows_written)
        return (results.getString(1), results.getLong(2), results.getLong(3), results.getLong(4), results.getLong(5))

    def fail(self, ledger_id, error):
        self._query("SELECT core.fail_load(?, ?)", ledger_id, str(error)[:4000])


def main():
    import boto3
    from awsglue.context import GlueContext
    from awsglue.dynamicframe import DynamicFrame
    from awsglue.job import Job
    from awsglue.utils import getResolvedOptions
    from pyspark.context import SparkContext
    from pyspark.sql import functions as F

    args = getResolvedOptions(
        sys.argv, ["JOB_NAME", "catalog_database", "catalog_table", "connection_name", "database_name"])
    spark_context = SparkContext.getOrCreate()
    glue_context = GlueContext(spark_context)
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)

    clean = glue_context.create_dynamic_frame.from_catalog(
        database=args["catalog_database"],
        table_name=args["catalog_table"],
        transformation_ctx="clean_files",
        additional_options={"attachFilename": FILE_COLUMN},
    ).toDF()
    clean_objects = [row[FILE_COLUMN] for row in clean.select(FILE_COLUMN).distinct().collect()]
    if not clean_objects:
        job.commit()
        return

    lineage = file_lineage(boto3.client("s3"), clean_objects)
    lineage_frame = glue_context.spark_session.createDataFrame(
        [(url, of.key, of.sha256) for url, of in lineage.items()], [FILE_COLUMN, "source_key", "source_sha256"])
    staged = clean.join(F.broadcast(lineage_frame), FILE_COLUMN).select(
        *[F.col(name).cast(spark_type).alias(name) for name, spark_type in STAGING_COLUMNS], FILE_COLUMN)
    staged.cache()
    rows_per_object = {row[FILE_COLUMN]: row["count"] for row in staged.groupBy(FILE_COLUMN).count().collect()}

    jdbc = glue_context.extract_jdbc_conf(args["connection_name"])
    url = jdbc["url"].rstrip("/") + "/" + args["database_name"] + "?sslmode=require"
    connection = spark_context._jvm.java.sql.DriverManager.getConnection(url, jdbc["user"], jdbc["password"])
    ledger = Ledger(connection)
    open_entries = {}
    outcomes = []
    try:
        to_stage = []
        for url_of_object, of in lineage.items():
            ledger_id, already_loaded = ledger.begin(of)
            open_entries[url_of_object] = ledger_id
            if not already_loaded:
                to_stage.append(url_of_object)

        if to_stage:
            rows = staged.where(F.col(FILE_COLUMN).isin(to_stage)).select(*[name for name, _ in STAGING_COLUMNS])
            glue_context.write_dynamic_frame.from_jdbc_conf(
                frame=DynamicFrame.fromDF(rows, glue_context, "staged_rows"),
                catalog_connection=args["connection_name"],
                connection_options={"dbtable": STAGING_TABLE, "database": args["database_name"]},
            )

        for url_of_object, ledger_id in list(open_entries.items()):
            written = rows_per_object.get(url_of_object, 0) if url_of_object in to_stage else 0
            outcome = ledger.merge(ledger_id, written)
            outcomes.append(outcome[0])
            del open_entries[url_of_object]
            print(f"student_metrics load {lineage[url_of_object].key}: {outcome}")
    except Exception as error:
        for ledger_id in open_entries.values():
            ledger.fail(ledger_id, error)
        raise
    finally:
        connection.close()

    boto3.client("cloudwatch").put_metric_data(Namespace=METRIC_NAMESPACE, MetricData=files_loaded_metric(outcomes))
    job.commit()


if __name__ == "__main__":
    main()
