using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using StudentMetrics.Aws;
using StudentMetrics.Cleaning.Sources;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Sources;
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

    /// <summary>The data bucket the local stack's storage stack created (the only bucket the roles may use).</summary>
    public string Bucket => Settings["STUDENT_METRICS_BUCKET"];

    /// <summary>The administrator who deployed the stacks: for setting up what a test needs, never for the code under test.</summary>
    public ImmutableCredentials Administrator => new(Settings["AWS_ACCESS_KEY_ID"], Settings["AWS_SECRET_ACCESS_KEY"], null);

    /// <summary>An S3 client as the administrator, or with the given (role) credentials.</summary>
    public IAmazonS3 CreateS3Client(ImmutableCredentials? credentials = null)
    {
        var who = credentials ?? Administrator;
        AWSCredentials aws = who.UseToken
            ? new SessionAWSCredentials(who.AccessKey, who.SecretKey, who.Token)
            : new BasicAWSCredentials(who.AccessKey, who.SecretKey);
        return new AmazonS3Client(aws, new AmazonS3Config { ServiceURL = AwsEndpoint, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
    }

    /// <summary>The aws CLI against the local AWS, as the administrator or with the given credentials.</summary>
    public Ops.AwsCli Cli(ImmutableCredentials? credentials = null) => new(AwsEndpoint, Repository, credentials ?? Administrator);

    public const string CleanRole = "STUDENT_METRICS_CLEAN_ROLE_ARN";
    public const string LoadRole = "STUDENT_METRICS_LOAD_ROLE_ARN";
    public const string DeployRole = "STUDENT_METRICS_DEPLOY_ROLE_ARN";

    /// <summary>The storage stack's upload queue, which the data bucket notifies of uploads to raw/.</summary>
    public string UploadQueueUrl => Settings["STUDENT_METRICS_UPLOAD_QUEUE_URL"];

    /// <summary>
    /// The settings of a role the templates define (<see cref="CleanRole"/>, <see cref="LoadRole"/>...), assumed through
    /// STS as the product does: what the code under test runs with, exactly the rights it has in AWS.
    /// </summary>
    public AwsSettings RoleSettings(string roleArnSetting) => AwsSettings.FromEnvironment().AssumingRole(Settings[roleArnSetting], "integration-tests");

    /// <summary>Temporary credentials of a role the templates define, to hand to a process as Lambda does.</summary>
    public ImmutableCredentials AssumeRole(string roleArnSetting) => RoleSettings(roleArnSetting).Credentials.GetCredentials();

    /// <summary>
    /// Publishes a test's source registry in the deployed bucket in place of whatever an earlier test published there.
    /// A published registry gives way only to a later revision (S3SourceRegistry), and each test numbers its own from
    /// the start: over the last test's, a test's registry would be refused and its files found in no source.
    /// </summary>
    public async Task PublishSourceRegistryAsync(SourceRegistry registry)
    {
        await ForgetSourceRegistryAsync();
        using var s3 = CreateS3Client();
        (await SourceRegistryPublication.In(s3, Bucket).PublishAsync(registry, CancellationToken.None)).ShouldBeTrue("nothing was published in between");
    }

    /// <summary>
    /// Removes the published source registry from the deployed bucket, as before any deploy published one: for a test
    /// whose code under test publishes its own database's registry (make run's pipeline), whose revision starts over.
    /// </summary>
    public async Task ForgetSourceRegistryAsync()
    {
        using var s3 = CreateS3Client();
        await s3.DeleteObjectAsync(Bucket, CleanOutputLayout.SourceRegistry);
    }

    /// <summary>Empties the upload queue, so a test sees only the messages it causes.</summary>
    public void PurgeUploadQueue() => Cli().Json("sqs", "purge-queue", "--queue-url", UploadQueueUrl);

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
