using System.Security.Cryptography;
using System.Text;
using StudentMetrics.Database;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>A cleaned file in memory, as the cleaner writes it (header, comma, LF), and its identity.</summary>
internal sealed class CleanFile
{
    public const string Header =
        "student_id,school_id,grade_level,term,math_score,reading_score,science_score,gpa,days_enrolled,days_present,tardies,behavior_incidents,recorded_on,source_row";

    public CleanFile(params CleanRow[] rows)
    {
        Rows = rows;
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows.Length; i++)
        {
            text.Append(rows[i].ToCsv(i + 1)).Append('\n');
        }

        Bytes = Encoding.UTF8.GetBytes(text.ToString());
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Bytes));
    }

    public IReadOnlyList<CleanRow> Rows { get; }

    public byte[] Bytes { get; }

    public string Sha256 { get; }

    public LoadSource From(string key) => new(key, Sha256);

    public Task<LoadResult> LoadAsync(CleanFileLoader loader, string key) =>
        loader.LoadAsync(new MemoryStream(Bytes, writable: false), From(key), CancellationToken.None);

    /// <summary>Loads the file as the version of <paramref name="key"/> uploaded at <paramref name="uploadedAt"/>.</summary>
    public Task<LoadResult> LoadAsync(CleanFileLoader loader, string key, DateTimeOffset uploadedAt, string? version = null) =>
        loader.LoadAsync(new MemoryStream(Bytes, writable: false), From(key) with { UploadedAt = uploadedAt, Version = version }, CancellationToken.None);
}
