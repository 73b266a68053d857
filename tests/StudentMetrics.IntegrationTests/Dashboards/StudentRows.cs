using Npgsql;
using NpgsqlTypes;

namespace StudentMetrics.IntegrationTests.Dashboards;

/// <summary>Synthetic stored rows for reporting tests: a school's students in one term, with lineage filled.</summary>
internal sealed record StudentRow(
    string StudentId, string SchoolId, short GradeLevel, string Term,
    decimal? MathScore, decimal? ReadingScore, decimal? ScienceScore,
    short DaysEnrolled, short? DaysPresent, int? BehaviorIncidents)
{
    /// <summary><paramref name="count"/> students of one school and term with varied, reproducible values.</summary>
    public static IReadOnlyList<StudentRow> School(string schoolId, string term, int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count).Select(i =>
        {
            var enrolled = (short)random.Next(80, 91);
            return new StudentRow(
                $"{schoolId}-{i:D3}", schoolId, (short)random.Next(-1, 13), term,
                Score(random), Score(random), Score(random),
                enrolled, (short)random.Next(enrolled - 15, enrolled + 1), random.Next(0, 5));
        }).ToList();
    }

    /// <summary>
    /// <paramref name="perGrade"/> students in each of <paramref name="grades"/>, values drawn from <paramref name="seed"/>
    /// (scores 40-100, no incidents, 80-90 days enrolled with at most 5 missed), then shaped by <paramref name="shape"/>.
    /// </summary>
    public static IEnumerable<StudentRow> Grades(string schoolId, string term, IEnumerable<int> grades, int perGrade, int seed,
        Func<StudentRow, int, StudentRow>? shape = null)
    {
        var random = new Random(seed);
        var i = 0;
        foreach (var grade in grades)
        {
            for (var k = 0; k < perGrade; k++)
            {
                var enrolled = (short)random.Next(80, 91);
                var row = new StudentRow($"{schoolId}-{++i:D4}", schoolId, (short)grade, term,
                    Score(random), Score(random), Score(random), enrolled, (short)(enrolled - random.Next(0, 6)), 0);
                yield return shape is null ? row : shape(row, i);
            }
        }
    }

    /// <summary>Stores the rows as a load would, then refreshes the reporting snapshot as the loaders do after a load.</summary>
    public static async Task InsertAsync(string connectionString, IEnumerable<StudentRow> rows)
    {
        await InsertOnlyAsync(connectionString, rows);
        await ReportingDatabase.RefreshAsync(connectionString);
    }

    /// <summary>Stores the rows without refreshing the reporting snapshot.</summary>
    public static async Task InsertOnlyAsync(string connectionString, IEnumerable<StudentRow> rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY core.student_metrics (student_id, school_id, grade_level, term, math_score, reading_score, science_score, " +
            "days_enrolled, days_present, behavior_incidents, recorded_on, source_key, source_sha256, source_row) FROM STDIN (FORMAT binary)");
        var sourceRow = 0;
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(row.StudentId, NpgsqlDbType.Text);
            await importer.WriteAsync(row.SchoolId, NpgsqlDbType.Text);
            await importer.WriteAsync(row.GradeLevel, NpgsqlDbType.Smallint);
            await importer.WriteAsync(row.Term, NpgsqlDbType.Text);
            await importer.WriteAsync(row.MathScore, NpgsqlDbType.Numeric);
            await importer.WriteAsync(row.ReadingScore, NpgsqlDbType.Numeric);
            await importer.WriteAsync(row.ScienceScore, NpgsqlDbType.Numeric);
            await importer.WriteAsync(row.DaysEnrolled, NpgsqlDbType.Smallint);
            await importer.WriteAsync(row.DaysPresent, NpgsqlDbType.Smallint);
            await importer.WriteAsync(row.BehaviorIncidents, NpgsqlDbType.Integer);
            await importer.WriteAsync(new DateOnly(2025, 1, 15), NpgsqlDbType.Date);
            await importer.WriteAsync("raw/synthetic/" + row.SchoolId + ".csv", NpgsqlDbType.Text);
            await importer.WriteAsync(row.SourceSha256, NpgsqlDbType.Text);
            await importer.WriteAsync(++sourceRow, NpgsqlDbType.Integer);
        }

        await importer.CompleteAsync();
    }

    /// <summary>The content hash every synthetic row is stored under; a test that adds rows later gives them another.</summary>
    public string SourceSha256 { get; init; } = new('0', 64);

    private static decimal Score(Random random) => Math.Round((decimal)(40 + random.NextDouble() * 60), 2);
}
