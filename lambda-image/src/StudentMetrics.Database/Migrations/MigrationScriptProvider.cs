using DbUp.Engine;
using DbUp.Engine.Transactions;

namespace StudentMetrics.Database.Migrations;

/// <summary>
/// Hands DbUp the scripts already loaded and checked (no assembly scanning, which native AOT cannot promise), in the
/// order given: DbUp sorts by run group, then by name, and by name the baseline (B0043_…) would run after 0044_….
/// </summary>
internal sealed class MigrationScriptProvider(IReadOnlyList<MigrationScript> scripts) : IScriptProvider
{
    public IEnumerable<SqlScript> GetScripts(IConnectionManager connectionManager) =>
        scripts.Select((s, i) => new SqlScript(s.Name, s.Contents, new SqlScriptOptions { RunGroupOrder = i }));
}
