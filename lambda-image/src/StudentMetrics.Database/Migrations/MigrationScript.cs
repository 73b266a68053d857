namespace StudentMetrics.Database.Migrations;

/// <summary>One migration file: its name (<c>0044_merge_lock_and_load_settings.sql</c>, <c>R__core.merge_staged.sql</c>), its text and the SHA-256 of that text.</summary>
internal sealed record MigrationScript(string Name, string Contents)
{
    public string Checksum => ScriptChecksum.Compute(Contents);
}
