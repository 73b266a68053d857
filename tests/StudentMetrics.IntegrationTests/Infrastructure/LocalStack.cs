using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Npgsql;

namespace StudentMetrics.IntegrationTests.Infrastructure;

/// <summary>
/// The real PostgreSQL cluster and moto_server every integration test runs against: the ones `make test` started
/// (ops/local/with-stack.sh exports them), or, when a test is run on its own, a stack this process starts and stops.
/// </summary>
public sealed class LocalStack : IDisposable
{
    private readonly string? _ownedDir;
    private int _databaseCounter;

    public LocalStack()
    {
        Repository = FindRepository();
        if (Environment.GetEnvironmentVariable("STUDENT_METRICS_STACK_DIR") is not { Length: > 0 } dir)
        {
            dir = Path.Combine(Repository, ".local", "stacks", "test-" + Environment.ProcessId);
            Run(Path.Combine(Repository, "ops", "local", "stack.sh"), "up", dir, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            _ownedDir = dir;
        }

        Settings = ReadEnvFile(Path.Combine(dir, "stack.env"));
        AdminConnectionString = Settings["STUDENT_METRICS_ADMIN_DB"];
        AwsEndpoint = Settings["AWS_ENDPOINT_URL"];
        foreach (var (key, value) in Settings.Where(s => s.Key.StartsWith("AWS_", StringComparison.Ordinal)))
        {
            Environment.SetEnvironmentVariable(key, value);
        }
    }

    public string Repository { get; }

    /// <summary>Everything stack.env exports: ports, connection strings, AWS endpoint and credentials.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public string AdminConnectionString { get; }

    public string AwsEndpoint { get; }

    public string PgBinDir => Settings["PG_BINDIR"];

    /// <summary>A fresh, empty database owned by a non-superuser with CREATEROLE, as the product's databases are.</summary>
    public async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"t_{purpose.ToLowerInvariant()}_{Interlocked.Increment(ref _databaseCounter)}";
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name} OWNER student_metrics_owner", admin))
        {
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Settings["STUDENT_METRICS_DB"]) { Database = name }.ConnectionString;
    }

    public IAmazonS3 CreateS3Client() => new AmazonS3Client(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonS3Config { ServiceURL = AwsEndpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public void Dispose()
    {
        if (_ownedDir is not null)
        {
            Run(Path.Combine(Repository, "ops", "local", "stack.sh"), "down", _ownedDir);
        }
    }

    public static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StudentMetrics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StudentMetrics.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The variables a stack.env exports.</summary>
    internal static Dictionary<string, string> ReadEnvFile(string path)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var text = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..] : line;
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                settings[text[..eq]] = text[(eq + 1)..].Trim('\'');
            }
        }

        return settings;
    }

    internal static void Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error.Result}");
        }
    }
}
