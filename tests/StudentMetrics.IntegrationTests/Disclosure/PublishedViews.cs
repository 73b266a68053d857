using System.Text.Json;
using Npgsql;

namespace StudentMetrics.IntegrationTests.Disclosure;

/// <summary>What a reader of the reporting schema sees: rows of a view as JSON, or everything at once.</summary>
internal static class PublishedViews
{
    public static async Task<List<JsonElement>> RowsAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT row_to_json(t)::text FROM ({sql}) t", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<JsonElement>();
        while (await reader.ReadAsync())
        {
            rows.Add(JsonDocument.Parse(reader.GetString(0)).RootElement);
        }

        return rows;
    }

    /// <summary>Every figure of every student view, in a stable order, as one text.</summary>
    public static async Task<string> EverythingAsync(string db)
    {
        var text = new System.Text.StringBuilder();
        foreach (var view in new[] { "attendance_rate", "chronic_absence", "average_scores", "score_bands", "students_at_risk", "suppressed_values" })
        {
            foreach (var row in await RowsAsync(db, $"SELECT * FROM reporting.{view} ORDER BY 1, 2, 3, 4, 5, 6, 7, 8"))
            {
                text.Append(view).Append(' ').AppendLine(row.GetRawText());
            }
        }

        return text.ToString();
    }

    public static decimal? Number(this JsonElement row, string column) =>
        row.GetProperty(column).ValueKind == JsonValueKind.Null ? null : row.GetProperty(column).GetDecimal();

    public static string? Text(this JsonElement row, string column) =>
        row.GetProperty(column).ValueKind == JsonValueKind.Null ? null : row.GetProperty(column).ToString();
}
