using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace StudentMetrics.IntegrationTests.Disclosure;

/// <summary>
/// Audits everything the reporting schema publishes, as a reader who knows which grades each school teaches would
/// read it. Every relation in the schema is found in the catalog; every column must say what it publishes in its
/// "disclosure:" comment. Each published count, ratio or share is a linear equation over the school x grade x term
/// cells of its measure (a ratio or share is taken to give away its numerator and denominator exactly); score bands
/// are known to add up to the subject's scored students in every cell. A hidden value, or a cell resting on fewer
/// than the threshold of students (or describing all or none of them), must not be determined by those equations:
/// checked by exact linear algebra (<see cref="RowSpace"/>). Published values themselves must respect the rules.
/// </summary>
internal sealed partial class DisclosureAuditor(string connectionString, int minGroupSize)
{
    private const string Feed = "student_metrics";

    public async Task<DisclosureAudit> AuditAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var cells = await ReadCellsAsync(connection);
        var audit = new DisclosureAudit();
        var published = new List<PublishedValue>();
        foreach (var relation in await ReadRelationsAsync(connection))
        {
            audit.Relations.Add(relation.Name);
            if (relation.Comment?.StartsWith("disclosure: none", StringComparison.Ordinal) == true)
            {
                continue;
            }

            var annotations = new Dictionary<string, Annotation>(StringComparer.Ordinal);
            foreach (var (column, comment) in relation.Columns)
            {
                if (Annotation.Parse(comment) is { } annotation)
                {
                    annotations[column] = annotation;
                }
                else
                {
                    audit.Findings.Add($"{relation.Name}.{column}: no 'disclosure:' comment says what it publishes");
                }
            }

            if (annotations.Values.All(a => a.Kind is "key" or "status" or "code"))
            {
                continue;
            }

            foreach (var key in new[] { "scope", "school_id", "grade_level", "term" })
            {
                if (!annotations.ContainsKey(key))
                {
                    audit.Findings.Add($"{relation.Name}: publishes figures but has no '{key}' column to say which group a row is");
                }
            }

            await foreach (var row in ReadRowsAsync(connection, relation.Name))
            {
                var group = GroupOf(row);
                foreach (var (column, annotation) in annotations.Where(a => a.Value.Kind is "count" or "ratio" or "share"))
                {
                    var quantity = annotation.Quantity(row);
                    var value = row.TryGetProperty(column, out var v) && v.ValueKind != JsonValueKind.Null ? v : (JsonElement?)null;
                    published.Add(new PublishedValue(relation.Name, column, annotation.Kind, quantity, group, value?.GetDecimal()));
                }
            }
        }

        Solve(cells, published, audit);
        return audit;
    }

    private void Solve(IReadOnlyList<Cell> cells, List<PublishedValue> published, DisclosureAudit audit)
    {
        var byQuantity = cells.GroupBy(c => (c.Quantity, c.Term)).ToDictionary(g => g.Key, g => g.ToList());
        var baseOf = cells.GroupBy(c => c.Quantity).ToDictionary(g => g.Key, g => g.First().BaseMeasure);
        // A system: a quantity on its own, or a base with the parts that add up to it (score bands), for one term.
        string SystemOf(string quantity) =>
            quantity.Contains(':', StringComparison.Ordinal) ? baseOf[quantity]! : quantity;

        foreach (var system in byQuantity.Keys.GroupBy(k => (System: SystemOf(k.Quantity), k.Term)))
        {
            var index = new Dictionary<(string Quantity, string Row, string Col), int>();
            foreach (var (quantity, term) in system)
            {
                foreach (var cell in byQuantity[(quantity, term)])
                {
                    index[(quantity, cell.Row, cell.Col)] = index.Count;
                }
            }

            var space = new RowSpace();
            var quantities = system.Select(k => k.Quantity).ToHashSet(StringComparer.Ordinal);
            var parts = quantities.Where(q => q.Contains(':', StringComparison.Ordinal)).ToList();
            if (parts.Count > 0)
            {
                foreach (var cell in byQuantity[(system.Key.System, system.Key.Term)])
                {
                    var link = new Dictionary<int, BigInteger> { [index[(system.Key.System, cell.Row, cell.Col)]] = BigInteger.MinusOne };
                    foreach (var part in parts)
                    {
                        if (index.TryGetValue((part, cell.Row, cell.Col), out var p))
                        {
                            link[p] = BigInteger.One;
                        }
                    }

                    space.Add(link);
                }
            }

            var mine = published.Where(p => quantities.Contains(p.Quantity) && p.Group.Term == system.Key.Term).ToList();
            foreach (var value in mine.Where(p => p.Value is not null))
            {
                var members = byQuantity[(value.Quantity, value.Group.Term)].Where(value.Group.Contains).ToList();
                CheckPublished(value, members, audit);
                space.Add(members.ToDictionary(c => index[(value.Quantity, c.Row, c.Col)], _ => BigInteger.One));
                audit.Equations++;
            }

            foreach (var hidden in mine.Where(p => p.Value is null))
            {
                var members = byQuantity[(hidden.Quantity, hidden.Group.Term)].Where(hidden.Group.Contains).ToList();
                if (members.Count == 0)
                {
                    continue;
                }

                audit.HiddenValues++;
                if (space.Determines(members.ToDictionary(c => index[(hidden.Quantity, c.Row, c.Col)], _ => BigInteger.One)))
                {
                    audit.Findings.Add($"{hidden.Relation}.{hidden.Column}: the hidden {hidden.Quantity} of {hidden.Group} is determined by published values");
                }
            }

            // Hidden groups of one breakdown taken together (the district minus the shown schools): if that sum is
            // determined, it must not be a group the rules would hide.
            foreach (var together in mine.Where(p => p.Value is null && p.Group.Scope != "district").GroupBy(p => (p.Quantity, p.Group.Scope)))
            {
                var members = byQuantity[(together.Key.Quantity, system.Key.Term)]
                    .Where(c => together.Select(h => h.Group).Distinct().Any(g => g.Contains(c))).ToList();
                var combined = members.Aggregate(members[0] with { N = 0, C = 0, Num = 0, Den = 0 }, (a, c) =>
                    a with { N = a.N + c.N, C = a.C + (c.C ?? 0), Num = a.Num + (c.Num ?? 0), Den = a.Den + (c.Den ?? 0) });
                if (IsSensitive(combined) && space.Determines(members.ToDictionary(c => index[(together.Key.Quantity, c.Row, c.Col)], _ => BigInteger.One)))
                {
                    audit.Findings.Add($"the hidden {together.Key.Scope}s of {together.Key.Quantity}, {system.Key.Term}, together ({combined.Describe()}) are determined by published values");
                }
            }

            foreach (var (quantity, term) in system)
            {
                foreach (var cell in byQuantity[(quantity, term)].Where(IsSensitive))
                {
                    audit.SensitiveCells++;
                    if (space.Determines(new Dictionary<int, BigInteger> { [index[(quantity, cell.Row, cell.Col)]] = BigInteger.One }))
                    {
                        audit.Findings.Add($"{quantity} of school {cell.Row}, grade {cell.Col}, {term} ({cell.Describe()}) is determined by published values");
                    }
                }
            }
        }
    }

    private void CheckPublished(PublishedValue value, List<Cell> members, DisclosureAudit audit)
    {
        var n = members.Sum(c => c.N);
        var c = members.Sum(m => m.C ?? 0);
        var kind = members.FirstOrDefault()?.Kind;
        var broken = kind switch
        {
            "base" => n < minGroupSize,
            "indicator" => c < minGroupSize || n - c < minGroupSize,
            "ratio" => n < minGroupSize || IsExtreme(members.Sum(m => m.Num ?? 0), members.Sum(m => m.Den ?? 0)),
            _ => false,
        };
        if (broken)
        {
            audit.Findings.Add($"{value.Relation}.{value.Column} publishes {value.Value} for {value.Group}, resting on {n} students ({c} with {value.Quantity})");
        }
    }

    private bool IsSensitive(Cell cell) => cell.N > 0 && cell.Kind switch
    {
        "base" => cell.N < minGroupSize,
        "indicator" => cell.C < minGroupSize || cell.N - cell.C < minGroupSize,
        _ => cell.N < minGroupSize || IsExtreme(cell.Num ?? 0, cell.Den ?? 0),
    };

    private static bool IsExtreme(decimal num, decimal den) => den > 0 && (num / den >= 0.995m || num / den <= 0.005m);

    private static Group GroupOf(JsonElement row)
    {
        var scope = row.GetProperty("scope").GetString()!;
        return new Group(scope, row.GetProperty("term").GetString()!,
            scope == "school" ? row.GetProperty("school_id").GetString() : null,
            scope == "grade" ? row.GetProperty("grade_level").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private static async Task<List<Cell>> ReadCellsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT measure, part, (count(*) OVER (PARTITION BY feed, measure, term, row_key, col_key)) > 1, kind, base_measure, term, row_key, col_key, n, c, num, den " +
            "FROM reporting_internal.disclosure_cells WHERE feed = $1 AND n > 0", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Feed });
        await using var reader = await command.ExecuteReaderAsync();
        var cells = new List<Cell>();
        while (await reader.ReadAsync())
        {
            var quantity = reader.GetBoolean(2) ? $"{reader.GetString(0)}:{reader.GetInt16(1)}" : reader.GetString(0);
            cells.Add(new Cell(quantity, reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7), reader.GetInt64(8), reader.IsDBNull(9) ? null : reader.GetInt64(9),
                reader.IsDBNull(10) ? null : reader.GetDecimal(10), reader.IsDBNull(11) ? null : reader.GetDecimal(11)));
        }

        return cells;
    }

    private static async Task<List<Relation>> ReadRelationsAsync(NpgsqlConnection connection)
    {
        var relations = new List<Relation>();
        await using (var command = new NpgsqlCommand(
            "SELECT c.oid, c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname = 'reporting' AND c.relkind IN ('r', 'v', 'm', 'p', 'f') ORDER BY c.relname", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                relations.Add(new Relation(reader.GetFieldValue<uint>(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), []));
            }
        }

        foreach (var relation in relations)
        {
            await using var command = new NpgsqlCommand(
                "SELECT attname, col_description(attrelid, attnum) FROM pg_attribute WHERE attrelid = $1 AND attnum > 0 AND NOT attisdropped ORDER BY attnum", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = relation.Oid, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Oid });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                relation.Columns.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        return relations;
    }

    private static async IAsyncEnumerable<JsonElement> ReadRowsAsync(NpgsqlConnection connection, string relation)
    {
        await using var command = new NpgsqlCommand($"SELECT row_to_json(t)::text FROM reporting.\"{relation}\" t", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            yield return JsonDocument.Parse(reader.GetString(0)).RootElement;
        }
    }

    private sealed record Relation(uint Oid, string Name, string? Comment, List<(string Column, string? Comment)> Columns);

    private sealed record PublishedValue(string Relation, string Column, string Kind, string Quantity, Group Group, decimal? Value);

    private sealed record Cell(string Quantity, string Kind, string? BaseMeasure, string Term, string Row, string Col, long N, long? C, decimal? Num, decimal? Den)
    {
        public string Describe() => C is { } c ? $"{c} of {N} students" : $"{N} students";
    }

    private sealed record Group(string Scope, string Term, string? School, string? Grade)
    {
        public bool Contains(Cell cell) => cell.Term == Term && (School is null || cell.Row == School) && (Grade is null || cell.Col == Grade);

        public override string ToString() => Scope switch
        {
            "school" => $"school {School}, {Term}",
            "grade" => $"grade {Grade}, {Term}",
            _ => $"the district, {Term}",
        };
    }

    /// <summary>"disclosure: KIND [QUANTITY]", the quantity naming row columns in braces: "count {subject}_bands:{band_order}".</summary>
    private sealed partial record Annotation(string Kind, string? Template)
    {
        public static Annotation? Parse(string? comment)
        {
            var match = comment is null ? null : Pattern().Match(comment);
            return match is { Success: true } ? new Annotation(match.Groups["kind"].Value, match.Groups["quantity"].Success ? match.Groups["quantity"].Value : null) : null;
        }

        public string Quantity(JsonElement row) => Placeholder().Replace(Template!, m =>
        {
            var value = row.GetProperty(m.Groups[1].Value);
            return value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString()!;
        });

        [GeneratedRegex(@"^disclosure: (?<kind>key|status|code|count|ratio|share|none)(?: (?<quantity>\S+))?")]
        private static partial Regex Pattern();

        [GeneratedRegex(@"\{([a-z_]+)\}")]
        private static partial Regex Placeholder();
    }
}
