"""Unit tests for the Glue job's pure helpers (run by glue/check.sh inside `make test`; no Glue runtime needed)."""
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
    def test_lineage_is_the_raw_key_and_the_lower_case_hash_from_the_object_metadata(self):
        s3 = FakeS3({("b", "clean/a.csv"): {"source-key": "raw/a.csv", "source-sha256": "AB" * 32}})

        lineage = job.file_lineage(s3, ["s3://b/clean/a.csv"])

        self.assertEqual(lineage["s3://b/clean/a.csv"][:2], ("raw/a.csv", "ab" * 32))
        self.assertEqual(s3.asked, [("b", "clean/a.csv")])

    def test_every_value_is_decoded_from_its_percent_encoding(self):
        s3 = FakeS3({("b", "clean/x.csv"): {
            "source-key": "raw/Escuela%20Ni%C3%B1os/M%C3%BCller%2B1.csv", "source-sha256": "ab" * 32,
            "source-version": "3/L4kq%2Btz", "source-uploaded-at": "2025-03-15T10:00:00.000Z",
            "source-version-ordinal": "2", "source-sequencer": "0062D5A1"}})

        lineage = job.file_lineage(s3, ["s3://b/clean/x.csv"])["s3://b/clean/x.csv"]

        self.assertEqual(lineage.key, "raw/Escuela Niños/Müller+1.csv")
        self.assertEqual(lineage.version_id, "3/L4kq+tz")
        self.assertEqual(lineage.uploaded_at, "2025-03-15T10:00:00.000Z")
        self.assertEqual(lineage.version_ordinal, 2)
        self.assertEqual(lineage.sequencer, "0062D5A1")


class StagingColumnsTests(unittest.TestCase):
    def test_the_file_columns_come_first_then_the_lineage(self):
        names = [name for name, _ in job.STAGING_COLUMNS]
        self.assertEqual(names[-2:], ["source_key", "source_sha256"])
        self.assertEqual(len(names), len(set(names)))


if __name__ == "__main__":
    unittest.main()


class FilesLoadedMetricTests(unittest.TestCase):
    def test_counts_merged_files_only_in_the_namespace_and_dimension_the_freshness_alarm_watches(self):
        metric = job.files_loaded_metric(["loaded", "skipped_duplicate", "loaded"])

        self.assertEqual(metric, [{"MetricName": "FilesLoaded", "Dimensions": [{"Name": "Function", "Value": "load"}],
                                   "Unit": "Count", "Value": 2}])
        self.assertEqual(job.METRIC_NAMESPACE, "StudentMetrics")

    def test_a_run_with_nothing_new_reports_zero(self):
        self.assertEqual(job.files_loaded_metric(["skipped_duplicate"])[0]["Value"], 0)
