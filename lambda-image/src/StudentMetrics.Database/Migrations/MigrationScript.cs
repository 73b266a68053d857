namespace StudentMetrics.Database.Migrations;

/// <summary>One migration file: its name (<c>0001_base_schema.sql</c>), its text and the SHA-256 of that text.</summary>
internal sealed record MigrationScript(string Name, string Contents)
{
    public string Checksum => ScriptChecksum.Compute(Contents);
}
