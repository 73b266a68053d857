using System.Security.Cryptography;
using StudentMetrics.Database;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics load CLEAN.csv --key KEY</c>: loads a cleaned file as if it had come from that object key.</summary>
internal sealed class LoadCommand : ICliCommand
{
    public string Name => "load";

    public string Summary => "Load a cleaned file into the database as if it came from an object key.";

    public string Usage => """
        usage: student-metrics load CLEAN.csv --key OBJECT_KEY [--sha256 HEX]

        Loads CLEAN.csv (a cleaned file) into the database in STUDENT_METRICS_DB, exactly once, with OBJECT_KEY as
        its lineage. The file's identity is --sha256 (the raw object's hash) or, without it, the SHA-256 of CLEAN.csv.
        Prints what it did: rows inserted, replaced, removed, kept (an existing row was newer), or skipped.
        Exit codes: 0 loaded or skipped, 1 an error (nothing was loaded), 2 the file is not a cleaned file.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = LoadArguments.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 1;
        }

        if (!File.Exists(options.File))
        {
            await Console.Error.WriteLineAsync($"load: no such file: {options.File}").ConfigureAwait(false);
            return 1;
        }

        try
        {
            var sha256 = options.Sha256 ?? await HashFileAsync(options.File, cancellationToken).ConfigureAwait(false);
            await using var dataSource = StudentMetricsDataSource.FromEnvironment();
            await using var file = new FileStream(options.File, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var result = await new CleanFileLoader(dataSource).LoadAsync(file, new LoadSource(options.Key, sha256), cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(LoadReport.Format(options.Key, result)).ConfigureAwait(false);
            return 0;
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync($"load: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"load: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
    }
}
