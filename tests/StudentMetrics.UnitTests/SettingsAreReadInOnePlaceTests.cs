using System.Text.RegularExpressions;

namespace StudentMetrics.UnitTests;

/// <summary>
/// Each setting is read in one place: every entry point (the functions, the command line, the dashboard, the tests)
/// reaches PostgreSQL through <c>DatabaseSettings</c> and AWS through <c>AwsSettings</c>. These tests read the source,
/// so a new entry point that reads a variable or builds a data source of its own fails here.
/// </summary>
public sealed class SettingsAreReadInOnePlaceTests
{
    private static readonly string Repository = RepositoryPaths.Root;

    [Theory]
    [InlineData(@"""STUDENT_METRICS_DB(_SECRET_ARN)?""", "lambda-image/src/StudentMetrics.Database/DatabaseSettings.cs")]
    [InlineData(@"NpgsqlSlimDataSourceBuilder|NpgsqlDataSourceBuilder|NpgsqlDataSource\.Create\(|new NpgsqlConnection\(", "lambda-image/src/StudentMetrics.Database/StudentMetricsDataSource.cs")]
    [InlineData(@"""AWS_(REGION|DEFAULT_REGION|ENDPOINT_URL[A-Z_]*)""", "lambda-image/src/StudentMetrics.Aws/AwsSettings.cs")]
    [InlineData(@"""STUDENT_METRICS_BUCKET""", "lambda-image/src/StudentMetrics.Aws/AwsSettings.cs")]
    [InlineData(@"new AmazonS3Config|new AmazonS3Client\(", "lambda-image/src/StudentMetrics.Aws/S3/S3ClientFactory.cs")]
    public void Only_one_product_file_reads_the_setting(string pattern, string onlyFile)
    {
        var readers = ProductSources().Where(f => Regex.IsMatch(File.ReadAllText(f), pattern)).Select(Relative).ToList();

        readers.ShouldBe([onlyFile]);
    }

    [Fact]
    public void Tests_open_databases_through_the_settings_type_too()
    {
        var offenders = Directory.GetFiles(Path.Combine(Repository, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => Path.GetFileName(f) != nameof(SettingsAreReadInOnePlaceTests) + ".cs")
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"NpgsqlDataSource\.Create\(|NpgsqlSlimDataSourceBuilder|NpgsqlDataSourceBuilder"))
            .Select(Relative)
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void Reporting_is_handed_a_data_source_and_does_not_reference_the_database_project()
    {
        var project = File.ReadAllText(Path.Combine(Repository, "lambda-image/src/StudentMetrics.Reporting/StudentMetrics.Reporting.csproj"));

        project.ShouldNotContain("StudentMetrics.Database");
    }

    private static IEnumerable<string> ProductSources() =>
        Directory.GetFiles(Path.Combine(Repository, "lambda-image", "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string path) => Path.GetRelativePath(Repository, path).Replace('\\', '/');
}
