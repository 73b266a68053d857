using Npgsql;

namespace StudentMetrics.Reporting.Data;

/// <summary>Reads the reporting schema (never core tables), so the page works for the read-only reporting role.</summary>
public static class ReportingViewReader
{
    public static async Task<DashboardData> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var settings = (await ReadAsync(connection,
            "SELECT min_group_size, chronic_absence_missed_at_least, min_enrolled_days, at_risk_score_below, at_risk_incidents_at_least, stale_after_days FROM reporting.settings",
            r => new ReportingSettings(r.GetInt32(0), r.GetDecimal(1), r.GetInt32(2), r.GetDecimal(3), r.GetInt32(4), r.GetInt32(5)),
            cancellationToken).ConfigureAwait(false)).Single();

        var terms = await ReadAsync(connection, "SELECT term FROM reporting.terms ORDER BY term_order", r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        var status = (await ReadAsync(connection, "SELECT refreshed_at, held_cells FROM reporting.refresh_status",
            r => new SnapshotStatus(r.GetFieldValue<DateTimeOffset>(0), r.GetInt64(1)), cancellationToken).ConfigureAwait(false)).SingleOrDefault();

        var attendance = await ReadAsync(connection,
            "SELECT scope, school_id, grade_level, grade, term, suppressed, suppression_reason, student_count, attendance_rate, attendance_rate_coded " +
            "FROM reporting.attendance_rate ORDER BY term_order, scope, school_id, grade_level",
            r => new AttendanceRow(r.GetString(0), r.GetString(1), NullableInt16(r, 2), r.GetString(3), r.GetString(4),
                r.GetBoolean(5), NullableString(r, 6), NullableInt64(r, 7), NullableDecimal(r, 8), NullableString(r, 9)),
            cancellationToken).ConfigureAwait(false);

        var chronic = await ReadAsync(connection,
            "SELECT scope, school_id, term, suppressed, suppression_reason, student_count, chronically_absent_count, chronic_absence_rate, chronic_absence_coded " +
            "FROM reporting.chronic_absence WHERE scope IN ('district', 'school') ORDER BY term_order, scope, school_id",
            r => new ChronicAbsenceRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), NullableString(r, 4),
                NullableInt64(r, 5), NullableInt64(r, 6), NullableDecimal(r, 7), NullableString(r, 8)),
            cancellationToken).ConfigureAwait(false);

        var scores = await ReadAsync(connection,
            "SELECT scope, subject, school_id, grade_level, grade, term, suppressed, suppression_reason, student_count, average_score, average_score_coded " +
            "FROM reporting.average_scores ORDER BY term_order, scope, school_id, grade_level, subject",
            r => new AverageScoreRow(r.GetString(0), r.GetString(1), r.GetString(2), NullableInt16(r, 3), r.GetString(4), r.GetString(5),
                r.GetBoolean(6), NullableString(r, 7), NullableInt64(r, 8), NullableDecimal(r, 9), NullableString(r, 10)),
            cancellationToken).ConfigureAwait(false);

        var bands = await ReadAsync(connection,
            "SELECT scope, subject, school_id, term, band_order, band, suppressed, suppression_reason, group_student_count, student_count, share " +
            "FROM reporting.score_bands WHERE scope IN ('district', 'school') ORDER BY term_order, scope, school_id, subject, band_order",
            r => new ScoreBandRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), r.GetString(5),
                r.GetBoolean(6), NullableString(r, 7), NullableInt64(r, 8), NullableInt64(r, 9), NullableDecimal(r, 10)),
            cancellationToken).ConfigureAwait(false);

        var atRisk = await ReadAsync(connection,
            "SELECT scope, school_id, term, suppressed, suppression_reason, student_count, " +
            "at_risk_count, at_risk_rate, at_risk_coded, multiple_indicators_count, multiple_indicators_rate, multiple_indicators_coded, " +
            "low_attendance_count, low_attendance_rate, low_attendance_coded, low_scores_count, low_scores_rate, low_scores_coded, " +
            "many_incidents_count, many_incidents_rate, many_incidents_coded " +
            "FROM reporting.students_at_risk WHERE scope IN ('district', 'school') ORDER BY term_order, scope, school_id",
            r => new AtRiskRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), NullableString(r, 4), NullableInt64(r, 5),
                Indicator(r, 6), Indicator(r, 9), Indicator(r, 12), Indicator(r, 15), Indicator(r, 18)),
            cancellationToken).ConfigureAwait(false);

        var freshness = await ReadAsync(connection,
            "SELECT school_id, last_loaded_at, latest_term, source_files, latest_source_key, latest_attempt_status, latest_attempt_at, " +
            "days_since_load, stale FROM reporting.data_freshness ORDER BY school_id",
            r => new FreshnessRow(r.GetString(0), NullableTime(r, 1), NullableString(r, 2), r.GetInt64(3), NullableString(r, 4),
                NullableString(r, 5), NullableTime(r, 6), r.IsDBNull(7) ? null : r.GetInt32(7), r.GetBoolean(8)),
            cancellationToken).ConfigureAwait(false);

        return new DashboardData(settings, terms, status, attendance, chronic, scores, bands, atRisk, freshness);
    }

    private static IndicatorValue Indicator(NpgsqlDataReader reader, int ordinal) =>
        new(NullableInt64(reader, ordinal), NullableDecimal(reader, ordinal + 1), NullableString(reader, ordinal + 2));

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static short? NullableInt16(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt16(ordinal);

    private static long? NullableInt64(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static decimal? NullableDecimal(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
}
