namespace StudentMetrics.Database.Migrations;

/// <summary>
/// A baseline, <c>BNNNN_words.sql</c>: the schema as versioned scripts up to NNNN left it, written whole. A fresh
/// database runs it instead of those scripts; a database that applied them all records it as applied by equivalence.
/// </summary>
/// <param name="Replaces">The versioned scripts it stands for: name to the SHA-256 each was applied with.</param>
internal sealed record BaselineScript(MigrationScript Script, int Version, IReadOnlyDictionary<string, string> Replaces);
