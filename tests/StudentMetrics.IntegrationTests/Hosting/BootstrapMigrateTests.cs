using System.Text.Json;
using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Hosting;

/// <summary>The same AOT binary serving <c>migrate</c>, as the deploy workflow invokes it, against the local PostgreSQL.</summary>
[Collection(StackCollection.Name)]
public sealed class BootstrapMigrateTests(LocalStack stack)
{
    [Fact]
    public async Task The_aot_bootstrap_applies_every_migration_once_and_a_second_invocation_applies_none()
    {
        var connectionString = await stack.CreateDatabaseAsync("bootmigrate");
        var scripts = StudentMetrics.Database.Migrations.EmbeddedMigrations.Load().All.Select(s => s.Name).ToList();
        scripts.Order(StringComparer.Ordinal).ShouldBe(
            Directory.GetFiles(Path.Combine(stack.Repository, "db", "migrations"), "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using var runtime = new RuntimeApiEmulator();
        using var bootstrap = new BootstrapProcess(
            new Dictionary<string, string?>
            {
                ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
                ["_HANDLER"] = "migrate",
                ["STUDENT_METRICS_FUNCTION"] = null,
                ["STUDENT_METRICS_DB"] = connectionString,
            });

        var first = await runtime.InvokeAsync("{}", TimeSpan.FromMinutes(5));

        first.IsError.ShouldBeFalse(first.Body + bootstrap.Stderr);
        using (var response = JsonDocument.Parse(first.Body))
        {
            response.RootElement.GetProperty("applied").EnumerateArray().Select(s => s.GetString()).ToList()
                .ShouldBe(scripts, ignoreOrder: false, customMessage: first.Body);
            response.RootElement.GetProperty("alreadyApplied").GetInt32().ShouldBe(0);
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT to_regclass('core.student_metrics') IS NOT NULL", connection);
            ((bool)(await command.ExecuteScalarAsync())!).ShouldBeTrue();
        }

        var second = await runtime.InvokeAsync("", TimeSpan.FromMinutes(5));

        second.IsError.ShouldBeFalse(second.Body);
        using (var response = JsonDocument.Parse(second.Body))
        {
            response.RootElement.GetProperty("applied").GetArrayLength().ShouldBe(0);
            response.RootElement.GetProperty("alreadyApplied").GetInt32().ShouldBe(scripts.Count);
        }

        var logs = bootstrap.JsonLines();
        logs.ShouldContain(l => l.GetProperty("message").GetString() == "migrations applied" && l.GetProperty("requestId").GetString() == first.RequestId);
        logs.Where(l => l.TryGetProperty("requestId", out _)).Select(l => l.GetProperty("requestId").GetString()).Distinct()
            .ShouldBe([first.RequestId, second.RequestId], ignoreOrder: true);
    }
}
