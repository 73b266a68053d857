namespace StudentMetrics.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of its own (ops/local/stack.sh up-postgres), for a test that compares what is cluster-wide,
/// such as roles, between two databases: in the shared cluster every database sees the same roles.
/// It has the owner role and an empty database student_metrics, as the shared stack does.
/// </summary>
public sealed class ThrowawayCluster : IDisposable
{
    private readonly string _dir;
    private readonly IReadOnlyDictionary<string, string> _settings;

    public ThrowawayCluster(string repository, string name)
    {
        _dir = Path.Combine(repository, ".local", "stacks", $"{name}-{Environment.ProcessId}");
        Stack = Path.Combine(repository, "ops", "local", "stack.sh");
        LocalStack.Run(Stack, "up-postgres", _dir, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _settings = LocalStack.ReadEnvFile(Path.Combine(_dir, "stack.env"));
    }

    public string AdminConnectionString => _settings["STUDENT_METRICS_ADMIN_DB"];

    /// <summary>Connects to database student_metrics as student_metrics_owner.</summary>
    public string OwnerConnectionString => _settings["STUDENT_METRICS_DB"];

    public string PgBinDir => _settings["PG_BINDIR"];

    public string Port => _settings["PGPORT"];

    private string Stack { get; }

    public void Dispose() => LocalStack.Run(Stack, "down", _dir);
}
