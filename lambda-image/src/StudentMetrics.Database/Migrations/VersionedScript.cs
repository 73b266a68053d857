namespace StudentMetrics.Database.Migrations;

/// <summary>A versioned migration, <c>NNNN_words.sql</c>: applied once, in number order, and never edited after.</summary>
internal sealed record VersionedScript(MigrationScript Script, int Version);
