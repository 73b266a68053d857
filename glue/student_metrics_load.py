"""AWS Glue job (Glue 4.0+, PySpark): load the cleaned files the crawler catalogued into PostgreSQL.

The job does what `student-metrics load` does locally, through the same SQL (db/migrations/R__core.*.sql):

  1. core.begin_load(key, sha256, feed, version, ...) for every new cleaned file -> a ledger entry per file
  2. write the files' rows to their feed's staging table (core.FEED_staging)      -> through the Glue JDBC connection
  3. core.merge_staged(ledger_id, rows_written) per file                        -> the spec's "Loading and idempotency"
  4. core.refresh_reporting(ledger_ids) once after the merges, when any file was loaded -> the reporting snapshot
  5. core.fail_load(ledger_id, error) for every entry still open when anything failed

Each cleaned object carries S3 metadata (LineageMetadata in C#): the raw object's key, content hash and version, and the
feed it was cleaned under; they are the file's identity and the lineage stored on every row. The columns of a feed
come from its contract file, read at run time. Job bookmarks make a run read only files it has not read before; a run
that fails is not committed, and running it again is safe because the merge is idempotent.

Arguments: --JOB_NAME, --catalog_database, --catalog_table (the crawled clean/ prefix), --connection_name (a JDBC
connection to the database, credentials in Secrets Manager, connecting as a member of student_metrics_loader),
--database_name (the PostgreSQL database), --contracts_url (s3://bucket/prefix/ holding contracts/*.json).
"""
import json
import sys
from urllib.parse import unquote, urlparse

# A feed's staging table takes the columns of its contract (contracts/FEED.vN.json, uploaded beside this script by the
# deploy), then the file's lineage. Reading the contract at run time, not a copy of it here, is what lets a new
# optional column be one contract edit plus one migration. A test compares these columns with every feed's staging
# table in a migrated database.
LINEAGE_COLUMNS = (
    ("source_row", "int"),
    ("source_key", "string"),
    ("source_sha256", "string"),
)

# PostgreSQL storage (the contract's "storage") -> the Spark type a column is cast to before it is written.
SPARK_TYPES = {"text": "string", "smallint": "short", "integer": "int", "bigint": "long", "date": "date"}


def spark_type(storage):
    """numeric(5,2) -> decimal(5,2); the others through SPARK_TYPES. An unknown storage fails the run, not a row."""
    if storage.startswith("numeric("):
        return "decimal" + storage[len("numeric"):]
    if storage not in SPARK_TYPES:
        raise ValueError(f"a contract column is stored as {storage!r}, which the Glue job cannot write yet")
    return SPARK_TYPES[storage]


def staging_columns(contract):
    """The (name, Spark type) pairs the job writes to a feed's staging table, written by name."""
    return tuple((column["name"], spark_type(column["storage"])) for column in contract["columns"]) + LINEAGE_COLUMNS


def staging_table(contract):
    return contract["table"] + "_staging"


def contracts_by_feed(texts):
    """The contracts the deploy uploaded (their JSON texts), by feed; of two major versions of a feed, the newer."""
    contracts = {}
    for text in texts:
        contract = json.loads(text)
        current = contracts.get(contract["feed"])
        if current is None or major(contract) > major(current):
            contracts[contract["feed"]] = contract
    return contracts


def major(contract):
    return int(contract["version"].split(".")[0])


FILE_COLUMN = "clean_object"

# The lineage the cleaner writes on every output (LineageMetadata in lambda-image/src/StudentMetrics.Functions/Clean);
# a test holds these names to the C# ones.
SOURCE_KEY_METADATA = "source-key"
SOURCE_SHA256_METADATA = "source-sha256"
SOURCE_VERSION_METADATA = "source-version"
SOURCE_UPLOADED_AT_METADATA = "source-uploaded-at"
SOURCE_SEQUENCER_METADATA = "source-sequencer"
SOURCE_VERSION_ORDINAL_METADATA = "source-version-ordinal"
FEED_METADATA = "feed"

# An output without a feed name was written before there were feeds: it is the default feed's.
DEFAULT_FEED = "student_metrics"

# The freshness alarm (ops/cloudformation/monitoring.yaml) watches this metric: no files loaded for N hours pages on-call.
METRIC_NAMESPACE = "StudentMetrics"
LOADER_DIMENSION = {"Name": "Function", "Value": "load"}


def split_s3_url(url):
    """s3://bucket/clean/a b.csv -> ("bucket", "clean/a b.csv")."""
    parsed = urlparse(url)
    return parsed.netloc, parsed.path.lstrip("/")


class Lineage:
    """Which raw object (key, content hash, version) a cleaned object was made from, and under which feed."""

    __slots__ = ("key", "sha256", "feed", "version", "uploaded_at", "sequencer", "ordinal")

    def __init__(self, metadata):
        # Values are percent-encoded UTF-8 (metadata travels in ASCII headers; keys are any UTF-8): each is decoded.
        def value(name):
            return unquote(metadata[name]) if metadata.get(name) else None

        self.key = value(SOURCE_KEY_METADATA)
        self.sha256 = value(SOURCE_SHA256_METADATA).lower()
        self.feed = value(FEED_METADATA) or DEFAULT_FEED
        # What the metadata does not say (outputs of an older cleaner), the database decides (core.begin_load).
        self.version = value(SOURCE_VERSION_METADATA)
        self.uploaded_at = value(SOURCE_UPLOADED_AT_METADATA)
        self.sequencer = value(SOURCE_SEQUENCER_METADATA)
        ordinal = value(SOURCE_VERSION_ORDINAL_METADATA)
        self.ordinal = int(ordinal) if ordinal else None

    def begin_load_arguments(self):
        return (self.key, self.sha256, self.feed, self.version, self.uploaded_at, self.sequencer,
                None if self.ordinal is None else str(self.ordinal))


def file_lineage(s3, clean_objects):
    """The lineage of each cleaned object, from the metadata the cleaner put on it."""
    lineage = {}
    for url in clean_objects:
        bucket, key = split_s3_url(url)
        lineage[url] = Lineage(s3.head_object(Bucket=bucket, Key=key)["Metadata"])
    return lineage


def read_contracts(s3, url):
    """The contract files under s3://bucket/prefix/ (the deploy uploads contracts/*.json there), by feed."""
    bucket, prefix = split_s3_url(url)
    texts = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            if item["Key"].endswith(".json"):
                texts.append(s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read().decode("utf-8"))
    if not texts:
        raise ValueError(f"no contract files under {url}: the deploy uploads contracts/*.json there")
    return contracts_by_feed(texts)


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

    def begin(self, lineage):
        # Text parameters cast in SQL: the JDBC driver sends strings as varchar, which no overload would match.
        results = self._query(
            "SELECT ledger_id, already_loaded FROM core.begin_load(?, ?, ?, ?, CAST(? AS timestamptz), ?, CAST(? AS bigint))",
            *lineage.begin_load_arguments())
        return results.getLong(1), results.getBoolean(2)

    def merge(self, ledger_id, rows_written):
        results = self._query(
            "SELECT outcome, rows_inserted, rows_replaced, rows_removed, rows_kept_newer FROM core.merge_staged(?, ?)",
            ledger_id, rows_written)
        return (results.getString(1), results.getLong(2), results.getLong(3), results.getLong(4), results.getLong(5))

    def refresh_reporting(self, ledger_ids):
        statement = self._connection.prepareStatement("SELECT 1 FROM core.refresh_reporting(?::bigint[])")
        statement.setString(1, "{" + ",".join(str(i) for i in ledger_ids) + "}")
        statement.executeQuery().next()

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
        sys.argv, ["JOB_NAME", "catalog_database", "catalog_table", "connection_name", "database_name", "contracts_url"])
    spark_context = SparkContext.getOrCreate()
    glue_context = GlueContext(spark_context)
    spark = glue_context.spark_session
    job = Job(glue_context)
    job.init(args["JOB_NAME"], args)
    s3 = boto3.client("s3")
    contracts = read_contracts(s3, args["contracts_url"])

    # The catalog (with the job bookmark) says which cleaned objects are new; their rows are read from each object
    # itself, by its header, so that files of different feeds and of older minor versions (without a column added
    # since) each give their own columns whatever schema the crawler settled on.
    catalogued = glue_context.create_dynamic_frame.from_catalog(
        database=args["catalog_database"],
        table_name=args["catalog_table"],
        transformation_ctx="clean_files",
        additional_options={"attachFilename": FILE_COLUMN},
    ).toDF()
    clean_objects = [row[FILE_COLUMN] for row in catalogued.select(FILE_COLUMN).distinct().collect()]
    if not clean_objects:
        job.commit()
        return
    lineage = file_lineage(s3, clean_objects)

    def rows_of(url_of_object, contract):
        found = spark.read.options(header=True, escape='"', multiLine=True, encoding="UTF-8").csv(url_of_object)
        of_file = {"source_key": F.lit(lineage[url_of_object].key), "source_sha256": F.lit(lineage[url_of_object].sha256)}
        return found.select(*[
            (of_file[name] if name in of_file else F.col(name) if name in found.columns else F.lit(None))
            .cast(spark_type).alias(name) for name, spark_type in staging_columns(contract)])

    jdbc = glue_context.extract_jdbc_conf(args["connection_name"])
    url = jdbc["url"].rstrip("/") + "/" + args["database_name"] + "?sslmode=require"
    connection = spark_context._jvm.java.sql.DriverManager.getConnection(url, jdbc["user"], jdbc["password"])
    ledger = Ledger(connection)
    open_entries = {}
    outcomes = []
    try:
        to_stage = {}  # feed -> {url: rows frame}
        for url_of_object, of_object in lineage.items():
            ledger_id, already_loaded = ledger.begin(of_object)
            open_entries[url_of_object] = ledger_id
            if already_loaded:
                continue
            if of_object.feed not in contracts:
                ledger.fail(ledger_id, f"no contract for feed {of_object.feed!r} among the deployed ones: {sorted(contracts)}")
                del open_entries[url_of_object]
                outcomes.append("failed")
                continue
            to_stage.setdefault(of_object.feed, {})[url_of_object] = rows_of(url_of_object, contracts[of_object.feed])

        written = {}
        for feed, frames in to_stage.items():
            staged = None
            for url_of_object, frame in frames.items():
                frame = frame.cache()
                written[url_of_object] = frame.count()
                staged = frame if staged is None else staged.unionByName(frame)
            glue_context.write_dynamic_frame.from_jdbc_conf(
                frame=DynamicFrame.fromDF(staged, glue_context, "staged_rows"),
                catalog_connection=args["connection_name"],
                connection_options={"dbtable": staging_table(contracts[feed]), "database": args["database_name"]},
            )

        loaded = []
        for url_of_object, ledger_id in list(open_entries.items()):
            outcome = ledger.merge(ledger_id, written.get(url_of_object, 0))
            outcomes.append(outcome[0])
            del open_entries[url_of_object]
            if outcome[0] == "loaded":
                loaded.append(ledger_id)
            print(f"load {lineage[url_of_object].feed} {lineage[url_of_object].key}: {outcome}")
        if loaded:
            # Reporting reads a snapshot; publish this run's rows in it (right after the merges, as the local loader
            # does), and record which schools each loaded file held. It does nothing for feeds nothing publishes.
            ledger.refresh_reporting(loaded)
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
