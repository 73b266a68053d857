using System.Globalization;
using System.Text;
using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Cli.Contracts;

/// <summary>
/// A first draft of a new feed's migration, written from its contract: the stored table with a CHECK per rule the
/// contract states, its staging table, the table its losing rows wait in (a keyed feed), the loader's grant and the
/// feed's row in core.feeds. A data engineer reviews it and saves it as the feed's versioned migration; the contract
/// check then holds the two together.
/// </summary>
internal static class ContractMigrationSql
{
    public static string For(FeedContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var table = contract.Table;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"-- The {contract.Dataset} feed (contracts/{contract.FileName}, version {contract.Version}): its tables, written from the contract.\n");
        if (contract.Title.Length > 0)
        {
            text.Append("-- ").Append(contract.Title).Append('\n');
        }

        text.Append('\n').Append(CultureInfo.InvariantCulture, $"CREATE TABLE {table} (\n");
        foreach (var column in contract.Columns)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {column.Name,-22} {SqlType(column)}{(column.Required ? " NOT NULL" : "")}{Check(column)},\n");
        }

        text.Append(
            """
                source_row             integer NOT NULL CHECK (source_row >= 1),
                source_key             text COLLATE "C" NOT NULL,
                source_sha256          text NOT NULL CHECK (octet_length(source_sha256) = 64 AND encode(decode(source_sha256, 'hex'), 'hex') = source_sha256),
                source_uploaded_at     timestamptz NOT NULL DEFAULT now(),
                loaded_at              timestamptz NOT NULL DEFAULT now(),

            """);
        text.Append(CultureInfo.InvariantCulture, $"    PRIMARY KEY ({(contract.KeyColumns.Count == 0 ? "source_key, source_row" : string.Join(", ", contract.KeyColumns))})\n);\n\n");
        if (contract.KeyColumns.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"CREATE INDEX {Name(table)}_source_key ON {table} USING brin (source_key) WITH (autosummarize = on);\n\n");
            text.Append(CultureInfo.InvariantCulture, $"CREATE TABLE {table}_displaced (LIKE {table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS);\n");
            text.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {table}_displaced ADD PRIMARY KEY ({string.Join(", ", contract.KeyColumns)}, source_key);\n");
            text.Append(CultureInfo.InvariantCulture, $"CREATE INDEX {Name(table)}_displaced_source_key ON {table}_displaced (source_key);\n\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"CREATE UNLOGGED TABLE {table}_staging (\n");
        foreach (var column in contract.Columns)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {column.Name,-22} {SqlType(column)},\n");
        }

        text.Append(
            """
                source_row             integer,
                source_key             text COLLATE "C" NOT NULL DEFAULT current_setting('student_metrics.source_key', true),
                source_sha256          text NOT NULL DEFAULT current_setting('student_metrics.source_sha256', true)
            );

            """);
        text.Append(CultureInfo.InvariantCulture, $"\nGRANT SELECT, INSERT ON {table}_staging TO student_metrics_loader;\n\n");
        text.Append(CultureInfo.InvariantCulture, $"INSERT INTO core.feeds (feed, stored_table, key_columns, recency_column, school_column)\nVALUES ('{contract.Dataset}', '{table}', '{{{string.Join(',', contract.KeyColumns)}}}', {Literal(contract.RecencyColumn)}, {Literal(contract.SchoolColumn)});\n");
        return text.ToString();
    }

    private static string SqlType(ColumnSpec column) =>
        column.Type is ColumnType.Code or ColumnType.Term ? "text COLLATE \"C\"" : ColumnStorage.Parse(column.Storage).SqlType;

    private static string Check(ColumnSpec column)
    {
        var rules = new List<string>();
        switch (column.Type)
        {
            case ColumnType.Code:
                rules.Add($"length({column.Name}) BETWEEN 1 AND {column.MaxLength} AND {column.Name} !~ '[^A-Z0-9_-]'");
                break;
            case ColumnType.Term:
                rules.Add($"{column.Name} ~ '^[0-9]{{4}}-[0-9]{{4}}-({string.Join('|', column.Periods)})$'");
                break;
            case ColumnType.Text when column.Values.Count > 0:
                rules.Add($"{column.Name} IN ({string.Join(", ", column.Values.Select(v => "'" + v.Replace("'", "''", StringComparison.Ordinal) + "'"))})");
                break;
            case ColumnType.Text:
                rules.Add($"length({column.Name}) <= {column.MaxLength}");
                break;
            case ColumnType.Integer or ColumnType.Decimal:
                if (column.Min is { } min && column.Max is { } max)
                {
                    rules.Add(string.Create(CultureInfo.InvariantCulture, $"{column.Name} BETWEEN {min} AND {max}"));
                }
                else if (column.Min is { } low)
                {
                    rules.Add(string.Create(CultureInfo.InvariantCulture, $"{column.Name} >= {low}"));
                }
                else if (column.Max is { } high)
                {
                    rules.Add(string.Create(CultureInfo.InvariantCulture, $"{column.Name} <= {high}"));
                }

                if (column.AtMost is { } limit)
                {
                    rules.Add($"{column.Name} <= {limit}");
                }

                break;
        }

        return rules.Count == 0 ? "" : $" CHECK ({string.Join(" AND ", rules)})";
    }

    private static string Name(string table) => table[(table.IndexOf('.', StringComparison.Ordinal) + 1)..];

    private static string Literal(string? value) => value is null ? "NULL" : $"'{value}'";
}
