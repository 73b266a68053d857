"""Unit tests for the Glue job's pure helpers (run by glue/check.sh inside `make test`; no Glue runtime needed)."""
import json
import pathlib
import unittest

import student_metrics_load as job


class FakeS3:
    def __init__(self, metadata):
        self.metadata = metadata
        self.asked = []

    def head_object(self, Bucket, Key):
        self.asked.append((Bucket, Key))
        return {"Metadata": self.metadata[(Bucket, Key)]}


class SplitS3UrlTests(unittest.TestCase):
    def test_bucket_and_key_keep_spaces_and_folders(self):
        self.assertEqual(job.split_s3_url("s3://data-bucket/clean/district 7/2025-01.csv"),
                         ("data-bucket", "clean/district 7/2025-01.csv"))


class FileLineageTests(unittest.TestCase):
    def test_lineage_is_the_raw_key_the_lower_case_hash_and_the_version_from_the_object_metadata(self):
        s3 = FakeS3({("b", "clean/a.csv"): {
            "source-key": "raw/a.csv", "source-sha256": "AB" * 32, "feed": "kaggle_exam_scores",
            "source-version": "v2", "source-uploaded-at": "2026-01-02T03:04:05Z", "source-sequencer": "0A1B",
            "source-version-ordinal": "2"}})

        lineage = job.file_lineage(s3, ["s3://b/clean/a.csv"])["s3://b/clean/a.csv"]

        self.assertEqual(lineage.begin_load_arguments(),
                         ("raw/a.csv", "ab" * 32, "kaggle_exam_scores", "v2", "2026-01-02T03:04:05Z", "0A1B", "2"))
        self.assertEqual(s3.asked, [("b", "clean/a.csv")])

    def test_an_output_of_an_older_cleaner_is_the_default_feeds_and_leaves_its_version_to_the_database(self):
        s3 = FakeS3({("b", "clean/a.csv"): {"source-key": "raw/a.csv", "source-sha256": "ab" * 32}})

        lineage = job.file_lineage(s3, ["s3://b/clean/a.csv"])["s3://b/clean/a.csv"]

        self.assertEqual(lineage.begin_load_arguments(), ("raw/a.csv", "ab" * 32, "student_metrics", None, None, None, None))


class PercentEncodingTests(unittest.TestCase):
    def test_every_value_is_decoded_from_its_percent_encoding(self):
        s3 = FakeS3({("b", "clean/x.csv"): {
            "source-key": "raw/Escuela%20Ni%C3%B1os/M%C3%BCller%2B1.csv", "source-sha256": "ab" * 32,
            "source-version": "3/L4kq%2Btz", "source-uploaded-at": "2025-03-15T10:00:00.000Z",
            "source-version-ordinal": "2", "source-sequencer": "0062D5A1"}})

        lineage = job.file_lineage(s3, ["s3://b/clean/x.csv"])["s3://b/clean/x.csv"]

        self.assertEqual(lineage.key, "raw/Escuela Niños/Müller+1.csv")
        self.assertEqual(lineage.version, "3/L4kq+tz")
        self.assertEqual(lineage.uploaded_at, "2025-03-15T10:00:00.000Z")
        self.assertEqual(lineage.ordinal, 2)
        self.assertEqual(lineage.sequencer, "0062D5A1")


class StagingColumnsTests(unittest.TestCase):
    CONTRACTS = sorted((pathlib.Path(__file__).resolve().parent.parent / "contracts").glob("*.json"))

    def test_every_contract_gives_its_columns_in_order_then_the_lineage(self):
        self.assertTrue(self.CONTRACTS, "the repository's contracts/ holds the contract files")
        for path in self.CONTRACTS:
            contract = json.loads(path.read_text(encoding="utf-8"))
            names = [name for name, _ in job.staging_columns(contract)]
            self.assertEqual(names, [column["name"] for column in contract["columns"]] + ["source_row", "source_key", "source_sha256"], path.name)

    def test_storage_maps_to_the_spark_type_of_the_same_range(self):
        self.assertEqual([job.spark_type(s) for s in ["text", "smallint", "integer", "numeric(5,2)", "numeric(3,2)", "date"]],
                         ["string", "short", "int", "decimal(5,2)", "decimal(3,2)", "date"])
        with self.assertRaises(ValueError):
            job.spark_type("jsonb")

    def test_the_staging_table_is_the_stored_tables_with_the_suffix(self):
        self.assertEqual(job.staging_table({"table": "core.kaggle_exam_scores"}), "core.kaggle_exam_scores_staging")

    def test_of_two_major_versions_of_a_feed_the_newer_applies(self):
        v1 = json.dumps({"feed": "f", "version": "1.3", "table": "core.f", "columns": []})
        v2 = json.dumps({"feed": "f", "version": "2.0", "table": "core.f2", "columns": []})
        self.assertEqual(job.contracts_by_feed([v2, v1])["f"]["table"], "core.f2")
        self.assertEqual(job.contracts_by_feed([v1, v2])["f"]["table"], "core.f2")


class FilesLoadedMetricTests(unittest.TestCase):
    def test_counts_merged_files_only_in_the_namespace_and_dimension_the_freshness_alarm_watches(self):
        metric = job.files_loaded_metric(["loaded", "skipped_duplicate", "loaded"])

        self.assertEqual(metric, [{"MetricName": "FilesLoaded", "Dimensions": [{"Name": "Function", "Value": "load"}],
                                   "Unit": "Count", "Value": 2}])
        self.assertEqual(job.METRIC_NAMESPACE, "StudentMetrics")

    def test_a_run_with_nothing_new_reports_zero(self):
        self.assertEqual(job.files_loaded_metric(["skipped_duplicate"])[0]["Value"], 0)


if __name__ == "__main__":
    unittest.main()
