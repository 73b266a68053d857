using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.UnitTests.Contracts;

/// <summary>Contract files: what a file says becomes the contract; what makes a file unusable is refused when it is read, naming the file.</summary>
public sealed class ContractFileTests
{
    private static readonly string StudentMetricsFile = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "contracts", "student_metrics.v1.json"));

    [Fact]
    public void Every_contract_file_in_the_repository_is_usable_and_carried_by_the_build()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "contracts"), "*.json").Select(Path.GetFileName).Order().ToList();

        FeedContracts.All.Values.Select(c => c.FileName).Order().ShouldBe(files);
        foreach (var contract in FeedContracts.All.Values)
        {
            ContractRules.Check(contract).ShouldBeEmpty(contract.FileName);
            contract.FileName.ShouldStartWith(contract.Dataset + ".v" + contract.MajorVersion);
        }
    }

    [Fact]
    public void The_student_metrics_file_is_the_feed_the_spec_describes()
    {
        var contract = FeedContracts.Default;

        contract.Dataset.ShouldBe("student_metrics");
        contract.Table.ShouldBe("core.student_metrics");
        contract.KeyColumns.ShouldBe(["student_id", "term"]);
        contract.RecencyColumn.ShouldBe("recorded_on");
        contract.Columns.Select(c => c.Name).ShouldBe(
        [
            "student_id", "school_id", "grade_level", "term", "math_score", "reading_score", "science_score", "gpa",
            "days_enrolled", "days_present", "tardies", "behavior_incidents", "recorded_on",
        ]);
        contract.Columns[2].Tokens["KG"].ShouldBe(0);
        contract.Columns[12].EarliestDate.ShouldBe(new DateOnly(2000, 1, 1));
    }

    [Fact]
    public void What_a_file_leaves_out_keeps_its_default()
    {
        var contract = FeedContracts.Parse("tiny.v1.json", """
            { "feed": "tiny", "version": "1.0", "table": "core.tiny", "key": ["id"], "null_tokens": [""],
              "columns": [ { "name": "id", "type": "code", "storage": "text", "required": true, "max_length": 5 } ] }
            """);

        contract.MaxFieldLength.ShouldBe(1000);
        contract.MaxColumns.ShouldBe(200);
        contract.QuarantineRejectRatio.ShouldBe(0.5);
        contract.Duplicates.ShouldBe(DuplicateRule.Key);
        contract.Columns[0].Aliases.ShouldBeEmpty();
        contract.Columns[0].Tokens.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("\"ela_score\"", "\"reading_score\"", "header name 'ela_score' of new_score already means reading_score")]
    [InlineData("\"science\"", "\"reading_score\"", "header name 'science' of new_score already means science_score")]
    public void An_alias_claimed_by_two_columns_is_refused(string alias, string unused, string expected)
    {
        _ = unused;
        var end = StudentMetricsFile.LastIndexOf(']');
        var json = StudentMetricsFile[..end]
            + $", {{ \"name\": \"new_score\", \"aliases\": [{alias}], \"type\": \"decimal\", \"storage\": \"numeric(5,2)\", \"scale\": 2, \"min\": 0, \"max\": 100 }}"
            + StudentMetricsFile[end..];

        var error = Should.Throw<InvalidDataException>(() => FeedContracts.Parse("student_metrics.v1.json", json));

        error.Message.ShouldStartWith("student_metrics.v1.json: ");
        error.Message.ShouldContain(expected);
    }

    [Theory]
    [InlineData("\"aliases\": [\"math\"], \"type\": \"decimal\", \"storage\": \"numeric(5,2)\"", "\"aliases\": [\"math\"], \"type\": \"decimal\", \"storage\": \"smallint\"", "math_score: a decimal column cannot be stored as smallint")]
    [InlineData("\"storage\": \"smallint\", \"required\": true, \"min\": 0, \"max\": 366", "\"storage\": \"smallint\", \"required\": true, \"min\": 0, \"max\": 40000", "days_enrolled: its bounds do not fit smallint")]
    [InlineData("\"key\": [\"student_id\", \"term\"]", "\"key\": [\"student_id\", \"gpa\"]", "key column 'gpa' must be a required column")]
    [InlineData("\"recency\": \"recorded_on\"", "\"recency\": \"gpa\"", "recency column 'gpa' must be a required date column")]
    [InlineData("\"storage\": \"date\"", "\"storage\": \"timestamp\"", "'timestamp' is not a storage type a contract may use")]
    [InlineData("\"at_most\": \"days_enrolled\"", "\"at_most\": \"days_enroled\"", "days_present: at_most must name another integer column")]
    [InlineData("\"version\": \"1.0\"", "\"version\": \"1\"", "version '1' must be MAJOR.MINOR")]
    [InlineData("\"name\": \"tardies\"", "\"name\": \"source_row\"", "column 'source_row' is a name the pipeline adds to every row")]
    public void A_contract_that_cannot_work_is_refused_with_the_reason(string original, string changed, string expected)
    {
        StudentMetricsFile.ShouldContain(original);

        var error = Should.Throw<InvalidDataException>(() => FeedContracts.Parse("student_metrics.v1.json", StudentMetricsFile.Replace(original, changed, StringComparison.Ordinal)));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void A_misspelt_setting_is_refused_rather_than_ignored()
    {
        var error = Should.Throw<InvalidDataException>(() => FeedContracts.Parse("x.v1.json", StudentMetricsFile.Replace("\"max_length\": 20", "\"maxlength\": 20", StringComparison.Ordinal)));

        error.Message.ShouldContain("maxlength");
    }
}
