using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Database.Schema;

/// <summary>
/// Compares a migrated database with the feed contracts: for each feed, its table and staging table hold the
/// contract's columns with its storage types, the table's NOT NULLs are the contract's required columns, and the
/// table's CHECKs carry the contract's numeric bounds and limits, no more and no fewer. Each difference is one
/// sentence that names the file to add or change. Run by the tests and by the pull-request migration check.
/// </summary>
public static partial class ContractSchemaCheck
{
    /// <summary>Columns the pipeline adds to every stored row and staged row; they are not the contract's to declare.</summary>
    private static readonly IReadOnlySet<string> Lineage = ContractRules.ReservedColumns;

    /// <returns>Every difference; empty when the database and the contracts agree.</returns>
    public static async Task<IReadOnlyList<string>> CheckAsync(NpgsqlConnection connection, IEnumerable<FeedContract> contracts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(contracts);
        var differences = new List<string>();
        foreach (var contract in contracts)
        {
            var file = $"contracts/{contract.FileName}";
            var table = await ReadTableAsync(connection, contract.Table, cancellationToken).ConfigureAwait(false);
            var staging = await ReadTableAsync(connection, contract.Table + "_staging", cancellationToken).ConfigureAwait(false);
            if (table is null || staging is null)
            {
                differences.Add($"{file} describes the feed {contract.Dataset}, stored in {contract.Table}, but the database has no {(table is null ? contract.Table : contract.Table + "_staging")}: add a migration (db/migrations/NNNN_{contract.Dataset}_tables.sql) that creates it.");
                continue;
            }

            CompareColumns(contract, file, contract.Table, table, checkNulls: true, differences);
            CompareColumns(contract, file, contract.Table + "_staging", staging, checkNulls: false, differences);
            CompareBounds(contract, file, table, differences);
            if (contract.KeyColumns.Count > 0)
            {
                var displaced = await ReadTableAsync(connection, contract.Table + "_displaced", cancellationToken).ConfigureAwait(false);
                if (displaced is null)
                {
                    differences.Add($"{file} gives {contract.Dataset} a key, but the database has no {contract.Table}_displaced for the rows other files' rows beat: add a migration that creates it (LIKE {contract.Table}).");
                }
                else
                {
                    CompareColumns(contract, file, contract.Table + "_displaced", displaced, checkNulls: true, differences);
                }
            }

            await CompareRegistrationAsync(connection, contract, file, differences, cancellationToken).ConfigureAwait(false);
        }

        return differences;
    }

    private static void CompareColumns(FeedContract contract, string file, string tableName, TableShape table, bool checkNulls, List<string> differences)
    {
        foreach (var column in contract.Columns)
        {
            var storage = ColumnStorage.Parse(column.Storage).SqlType;
            if (!table.Columns.TryGetValue(column.Name, out var actual))
            {
                differences.Add($"{file} declares {column.Name} ({storage}) but {tableName} has no such column: add a migration (db/migrations/NNNN_add_{column.Name}.sql) that adds it to the feed's tables ({contract.Table} and its _staging{(contract.KeyColumns.Count > 0 ? " and _displaced" : "")}).");
                continue;
            }

            if (actual.Type != storage)
            {
                differences.Add($"{tableName}.{column.Name} is {actual.Type} but {file} stores it as {storage}: a retyped column is a new major version of the contract, with a migration that converts the column.");
            }

            if (checkNulls && actual.NotNull != column.Required)
            {
                differences.Add($"{tableName}.{column.Name} is {(actual.NotNull ? "NOT NULL" : "nullable")} but {file} says it is {(column.Required ? "required" : "optional")}: change the column in a migration or the contract so they agree.");
            }
        }

        foreach (var name in table.Columns.Keys.Where(n => contract.IndexOf(n) < 0 && !Lineage.Contains(n)))
        {
            differences.Add($"{tableName} has a column {name} ({table.Columns[name].Type}) that {file} does not declare: declare it in the contract (a new minor version) or drop it in a migration.");
        }
    }

    // The merge reads the feed's table, key, recency and school column from core.feeds: they must be the contract's.
    private static async Task CompareRegistrationAsync(NpgsqlConnection connection, FeedContract contract, string file, List<string> differences, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT stored_table, array_to_string(key_columns, ','), coalesce(recency_column, ''), coalesce(school_column, '') FROM core.feeds WHERE feed = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = contract.Dataset });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            differences.Add($"{file} describes the feed {contract.Dataset} but core.feeds has no row for it: add it in the feed's migration (INSERT INTO core.feeds ...).");
            return;
        }

        var registered = (Table: reader.GetString(0), Key: reader.GetString(1), Recency: reader.GetString(2), School: reader.GetString(3));
        var described = (Table: contract.Table, Key: string.Join(',', contract.KeyColumns), Recency: contract.RecencyColumn ?? "", School: contract.SchoolColumn ?? "");
        if (registered != described)
        {
            differences.Add($"core.feeds registers {contract.Dataset} as (table {registered.Table}, key [{registered.Key}], recency '{registered.Recency}', school '{registered.School}') but {file} says (table {described.Table}, key [{described.Key}], recency '{described.Recency}', school '{described.School}'): update core.feeds in a migration, or the contract.");
        }
    }

    private static void CompareBounds(FeedContract contract, string file, TableShape table, List<string> differences)
    {
        foreach (var column in contract.Columns.Where(c => c.Type is ColumnType.Integer or ColumnType.Decimal))
        {
            var expected = new List<string>();
            if (column.Min is { } min)
            {
                expected.Add($">= {Text(min)}");
            }

            if (column.Max is { } max)
            {
                expected.Add($"<= {Text(max)}");
            }

            if (column.AtMost is { } limit)
            {
                expected.Add($"<= {limit}");
            }

            var actual = table.Bounds.Where(b => b.Column == column.Name).Select(b => $"{b.Operator} {b.Bound}").Distinct().ToList();
            foreach (var missing in expected.Except(actual))
            {
                differences.Add($"{file} bounds {column.Name} {missing} but no CHECK of {contract.Table} does: add a migration with the CHECK (or change the contract).");
            }

            foreach (var extra in actual.Except(expected))
            {
                differences.Add($"{contract.Table} checks {column.Name} {extra} but {file} does not say so: change the contract's bound (a new minor version) or the CHECK in a migration so they agree.");
            }
        }
    }

    private static async Task<TableShape?> ReadTableAsync(NpgsqlConnection connection, string qualifiedName, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, (string Type, bool NotNull)>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
            FROM pg_attribute a
            WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """,
            connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = qualifiedName });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                columns[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2));
            }
        }

        if (columns.Count == 0)
        {
            return null;
        }

        var bounds = new List<(string Column, string Operator, string Bound)>();
        await using (var command = new NpgsqlCommand(
            "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.conrelid = to_regclass($1) AND c.contype = 'c'", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = qualifiedName });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (Match comparison in Comparison().Matches(reader.GetString(0)))
                {
                    bounds.Add((comparison.Groups["column"].Value, comparison.Groups["op"].Value, Normalised(comparison.Groups["bound"].Value)));
                }
            }
        }

        return new TableShape(columns, bounds);
    }

    private static string Normalised(string bound) =>
        decimal.TryParse(bound, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ? Text(number) : bound;

    private static string Text(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);

    // What pg_get_constraintdef writes for a bound: "(math_score >= (0)::numeric)", "(grade_level >= '-1'::integer)",
    // "(grade_level <= 12)", "(days_present <= days_enrolled)".
    [GeneratedRegex(@"\(*(?<column>[a-z_][a-z0-9_]*) (?<op>>=|<=) \(*'?(?<bound>-?\d+(?:\.\d+)?|[a-z_][a-z0-9_]*)'?\)*(?:::[a-z ]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Comparison();

    private sealed record TableShape(IReadOnlyDictionary<string, (string Type, bool NotNull)> Columns, IReadOnlyList<(string Column, string Operator, string Bound)> Bounds);
}
