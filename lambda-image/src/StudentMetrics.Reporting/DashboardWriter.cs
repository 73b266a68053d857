using System.Text;
using Npgsql;
using StudentMetrics.Reporting.Data;
using StudentMetrics.Reporting.Html;

namespace StudentMetrics.Reporting;

/// <summary>Writes the local dashboard: one self-contained HTML page (inline CSS and SVG, no script, no network).</summary>
public static class DashboardWriter
{
    /// <param name="dataSource">Any role that may read the reporting schema; the read-only reporting role is enough.</param>
    /// <returns>The full path of the page written.</returns>
    public static async Task<string> WriteAsync(NpgsqlDataSource dataSource, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(outputPath);
        DashboardData data;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            data = await ReportingViewReader.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        var fullPath = Path.GetFullPath(outputPath);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var html = DashboardPage.Render(data, DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(fullPath, html, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return fullPath;
    }
}
