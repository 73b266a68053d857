using DbUp.Engine;
using DbUp.Engine.Transactions;

namespace StudentMetrics.Database.Migrations;

/// <summary>Hands DbUp the scripts already loaded and checked (no assembly scanning, which native AOT cannot promise).</summary>
internal sealed class MigrationScriptProvider(IReadOnlyList<MigrationScript> scripts) : IScriptProvider
{
    public IEnumerable<SqlScript> GetScripts(IConnectionManager connectionManager) =>
        scripts.Select(s => new SqlScript(s.Name, s.Contents));
}
