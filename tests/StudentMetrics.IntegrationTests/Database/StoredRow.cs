namespace StudentMetrics.IntegrationTests.Database;

/// <summary>What the tests look at in a stored row: its lineage and the values the merge rules decide on.</summary>
internal sealed record StoredRow(string SourceKey, string SourceSha256, int SourceRow, DateOnly RecordedOn, decimal? MathScore);
