using StudentMetrics.IntegrationTests.Dashboards;
using StudentMetrics.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace StudentMetrics.IntegrationTests.Disclosure;

[Collection(StackCollection.Name)]
public sealed class DisclosureAuditTests(LocalStack stack, ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(AdversarialDistricts.Names), MemberType = typeof(AdversarialDistricts))]
    public async Task No_hidden_value_or_small_cell_of_an_adversarial_district_is_determined_by_what_the_reporting_schema_publishes(string district)
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "audit");
        await StudentRow.InsertAsync(db, AdversarialDistricts.All[district]());

        var audit = await new DisclosureAuditor(db, minGroupSize: 10).AuditAsync();

        output.WriteLine(audit.ToString());
        audit.Findings.ShouldBeEmpty(audit.ToString());
        audit.Relations.ShouldContain("students_at_risk");
        audit.Equations.ShouldBeGreaterThan(100);
        audit.HiddenValues.ShouldBeGreaterThan(0, "every adversarial district hides something");
        audit.SensitiveCells.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Without_complementary_suppression_the_auditor_recovers_hidden_values()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "audit_off");
        await StudentRow.InsertAsync(db, AdversarialDistricts.All["small school sharing grades"]());
        await ReportingDatabase.RefreshAsync(db, complementary: false);

        var audit = await new DisclosureAuditor(db, minGroupSize: 10).AuditAsync();

        output.WriteLine(audit.ToString());
        audit.Findings.ShouldContain(f => f.Contains("TINY", StringComparison.Ordinal) && f.Contains("is determined", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_view_whose_column_says_nothing_about_what_it_publishes_fails_the_audit()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "audit_new_view");
        await StudentRow.InsertAsync(db, AdversarialDistricts.All["small school sharing grades"]());
        await using (var connection = new Npgsql.NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await ReportingDatabase.ExecuteAsync(connection,
                "CREATE VIEW reporting.school_sizes AS SELECT school_id, count(*) AS students FROM core.student_metrics GROUP BY school_id");
        }

        var audit = await new DisclosureAuditor(db, minGroupSize: 10).AuditAsync();

        audit.Findings.ShouldContain("school_sizes.school_id: no 'disclosure:' comment says what it publishes");
        audit.Findings.ShouldContain("school_sizes.students: no 'disclosure:' comment says what it publishes");
    }
}
