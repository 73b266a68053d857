using System.Text.RegularExpressions;
using StudentMetrics.Functions.Clean;

namespace StudentMetrics.UnitTests.Functions;

/// <summary>
/// The Glue job (Python, run only in AWS) reads a cleaned object's lineage from the metadata the cleaner writes: the
/// names must be the same on both sides, and the job must read them only through its constants.
/// </summary>
public sealed partial class GlueJobLineageTests
{
    private static readonly string Job = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "glue", "student_metrics_load.py"));

    [Theory]
    [InlineData("SOURCE_KEY_METADATA", LineageMetadata.SourceKey)]
    [InlineData("SOURCE_SHA256_METADATA", LineageMetadata.SourceSha256)]
    [InlineData("SOURCE_VERSION_METADATA", LineageMetadata.SourceVersion)]
    [InlineData("SOURCE_UPLOADED_AT_METADATA", LineageMetadata.SourceUploadedAt)]
    [InlineData("SOURCE_VERSION_ORDINAL_METADATA", LineageMetadata.SourceVersionOrdinal)]
    [InlineData("SOURCE_SEQUENCER_METADATA", LineageMetadata.SourceSequencer)]
    public void The_glue_job_reads_the_lineage_under_the_names_the_cleaner_writes(string constant, string name)
    {
        var definition = Regex.Match(Job, $@"^{constant} = ""([^""]*)""$", RegexOptions.Multiline);

        definition.Success.ShouldBeTrue($"glue/student_metrics_load.py defines {constant}");
        definition.Groups[1].Value.ShouldBe(name);
    }

    [Fact]
    public void The_glue_job_spells_no_lineage_name_outside_its_constants()
    {
        var literals = QuotedLiteral().Matches(Job).Select(m => m.Groups[1].Value).Where(v => v.StartsWith("source-", StringComparison.Ordinal)).ToList();

        literals.ShouldBe(
            [LineageMetadata.SourceKey, LineageMetadata.SourceSha256, LineageMetadata.SourceVersion, LineageMetadata.SourceUploadedAt, LineageMetadata.SourceVersionOrdinal, LineageMetadata.SourceSequencer],
            ignoreOrder: true);
    }

    [GeneratedRegex(@"""([^""\n]*)""")]
    private static partial Regex QuotedLiteral();
}
