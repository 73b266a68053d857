using System.Text.RegularExpressions;
using System.Xml.Linq;
using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Dashboards;

[Collection(StackCollection.Name)]
public sealed partial class WorkbookReferenceTests(LocalStack stack)
{
    public static TheoryData<string> Workbooks() => new(WorkbookFiles());

    private static List<string> WorkbookFiles() =>
        Directory.GetFiles(Path.Combine(LocalStack.FindRepository(), "dashboards"), "*.twb")
            .Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void There_are_workbooks_to_check() => WorkbookFiles().ShouldNotBeEmpty();

    [Fact]
    public async Task The_committed_workbooks_are_what_their_generator_writes_from_the_view_columns()
    {
        var dir = Directory.CreateTempSubdirectory("workbooks-").FullName;
        var start = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(stack.Repository, "dashboards", "build_workbooks.py"), "--out", dir })
        {
            start.ArgumentList.Add(arg);
        }

        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            var error = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await error);
        }

        var generated = Directory.GetFiles(dir, "*.twb").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        generated.ShouldBe(WorkbookFiles());
        foreach (var file in generated)
        {
            (await File.ReadAllTextAsync(Path.Combine(dir, file))).ShouldBe(
                await File.ReadAllTextAsync(Path.Combine(stack.Repository, "dashboards", file)), $"{file} differs from build_workbooks.py's output; run it and commit");
        }

        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Workbooks))]
    public async Task Every_relation_and_column_a_workbook_references_exists_and_returns_rows_for_the_reporting_role(string workbook)
    {
        var xml = XDocument.Load(Path.Combine(stack.Repository, "dashboards", workbook));
        var datasources = xml.Root!.Element("datasources")!.Elements("datasource").ToList();
        datasources.ShouldNotBeEmpty();
        var views = new Dictionary<string, string>(StringComparer.Ordinal);
        var columns = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var datasource in datasources)
        {
            var postgres = datasource.Descendants("connection").Single(c => (string?)c.Attribute("class") == "postgres");
            postgres.Attribute("username")!.Value.ShouldBe("student_metrics_reporting", workbook);
            var table = TableReference().Match(datasource.Descendants("relation").Single().Attribute("table")!.Value);
            table.Success.ShouldBeTrue(workbook);
            table.Groups["schema"].Value.ShouldBe("reporting", workbook);
            var name = datasource.Attribute("name")!.Value;
            views[name] = table.Groups["view"].Value;
            columns[name] = new SortedSet<string>(
                datasource.Descendants("remote-name").Select(r => r.Value)
                    .Concat(datasource.Elements("column").Select(c => Unbracket(c.Attribute("name")!.Value))),
                StringComparer.Ordinal);
        }

        var worksheets = xml.Root.Element("worksheets")!.Elements("worksheet").ToList();
        worksheets.ShouldNotBeEmpty();
        var scopeFilters = new List<(string Sheet, string Datasource, string Scope)>();
        foreach (var worksheet in worksheets)
        {
            var sheet = worksheet.Attribute("name")!.Value;
            foreach (var dependencies in worksheet.Descendants("datasource-dependencies"))
            {
                var datasource = dependencies.Attribute("datasource")!.Value;
                views.ShouldContainKey(datasource, sheet);
                columns[datasource].UnionWith(dependencies.Elements("column").Select(c => Unbracket(c.Attribute("name")!.Value)));
                columns[datasource].UnionWith(dependencies.Elements("column-instance").Select(c => Unbracket(c.Attribute("column")!.Value)));
            }

            var shelves = string.Join(" ", worksheet.Descendants().Where(e => e.Name == "rows" || e.Name == "cols").Select(e => e.Value))
                + " " + string.Join(" ", worksheet.Descendants().Select(e => (string?)e.Attribute("column") ?? ""));
            foreach (Match field in ShelfField().Matches(shelves))
            {
                var datasource = field.Groups["datasource"].Value;
                views.ShouldContainKey(datasource, sheet);
                columns[datasource].Add(field.Groups["column"].Value);
            }

            foreach (var filter in worksheet.Descendants("groupfilter").Where(g => (string?)g.Attribute("function") == "member"))
            {
                var column = ShelfField().Match(filter.Parent!.Attribute("column")!.Value);
                scopeFilters.Add((sheet, column.Groups["datasource"].Value, filter.Attribute("member")!.Value.Trim('"')));
            }
        }

        // Calculations (rates from sums) are the workbook's own fields; what they read must exist, checked above.
        var calculations = xml.Descendants("column").Where(c => c.Element("calculation") is not null)
            .Select(c => Unbracket(c.Attribute("name")!.Value)).ToHashSet(StringComparer.Ordinal);
        foreach (var calculation in xml.Descendants("calculation"))
        {
            foreach (Match used in FormulaField().Matches(calculation.Attribute("formula")!.Value))
            {
                var owner = calculation.Ancestors().First(a => a.Name == "datasource" || a.Name == "datasource-dependencies");
                var datasource = (owner.Attribute("name") ?? owner.Attribute("datasource"))!.Value;
                columns[datasource].Add(used.Groups["column"].Value);
            }
        }

        foreach (var set in columns.Values)
        {
            set.ExceptWith(calculations);
        }

        var db = await ReportingDatabase.CreateMigratedAsync(stack, "workbooks");
        (await ReportingDatabase.LoadSampleAsync(stack, db)).ShouldBeGreaterThan(0);
        await using var connection = await OpenAsReportingRoleAsync(db);
        foreach (var (datasource, view) in views)
        {
            var existing = await ViewColumnsAsync(connection, view);
            existing.ShouldNotBeEmpty($"{workbook}: reporting.{view} does not exist");
            columns[datasource].Except(existing).ShouldBeEmpty($"{workbook}: columns missing from reporting.{view}");
            var selectList = string.Join(", ", columns[datasource].Select(c => $"\"{c}\""));
            await using var select = new NpgsqlCommand($"SELECT count(*) FROM (SELECT {selectList} FROM reporting.\"{view}\") AS used", connection);
            ((long)(await select.ExecuteScalarAsync())!).ShouldBeGreaterThan(0, $"{workbook}: reporting.{view} returned no rows");
        }

        foreach (var (sheet, datasource, scope) in scopeFilters)
        {
            await using var filtered = new NpgsqlCommand($"SELECT count(*) FROM reporting.\"{views[datasource]}\" WHERE scope = $1", connection);
            filtered.Parameters.Add(new NpgsqlParameter { Value = scope });
            ((long)(await filtered.ExecuteScalarAsync())!).ShouldBeGreaterThan(0, $"{workbook}: sheet '{sheet}' filters to scope '{scope}', which has no rows");
        }
    }

    private static async Task<HashSet<string>> ViewColumnsAsync(NpgsqlConnection connection, string view)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'reporting' AND table_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = view });
        await using var reader = await command.ExecuteReaderAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task<NpgsqlConnection> OpenAsReportingRoleAsync(string db)
    {
        var admin = new NpgsqlConnectionStringBuilder(stack.AdminConnectionString) { Database = new NpgsqlConnectionStringBuilder(db).Database };
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await ReportingDatabase.ExecuteAsync(connection, "SET ROLE student_metrics_reporting");
        return connection;
    }

    private static string Unbracket(string name) => name.Trim('[', ']');

    [GeneratedRegex(@"^\[(?<schema>[a-z_]+)\]\.\[(?<view>[a-z_]+)\]$")]
    private static partial Regex TableReference();

    [GeneratedRegex(@"\[(?<column>[a-z_0-9]+)\]")]
    private static partial Regex FormulaField();

    // [federated.x].[derivation:column:kind] as it appears on shelves, encodings and filters.
    [GeneratedRegex(@"\[(?<datasource>federated\.[a-z0-9]+)\]\.\[[a-z]+:(?<column>[A-Za-z_0-9]+):[a-z]+\]")]
    private static partial Regex ShelfField();
}
