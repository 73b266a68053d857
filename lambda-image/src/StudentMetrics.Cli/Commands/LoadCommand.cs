using System.Security.Cryptography;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cli.Arguments;
using StudentMetrics.Database;
using StudentMetrics.Functions.Configuration;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics load CLEAN.csv --key KEY</c>: loads a cleaned file as if it had come from that object key.</summary>
internal sealed class LoadCommand : ICliCommand
{
    public string Name => "load";

    public string Summary => "Load a cleaned file into the database as if it came from an object key.";

    public CommandSyntax Syntax { get; } = CommandSyntax.Of(
        "load",
        new Operand("CLEAN.csv", "a cleaned file (what 'clean' writes under clean/)"),
        new Option("--key", "OBJECT_KEY", "the raw object key recorded as the rows' lineage, e.g. raw/district-7/2025-01.csv", Required: true),
        new Option("--sha256", "HEX", "the raw content's SHA-256 (the file's identity); default: the SHA-256 of CLEAN.csv"),
        FeedOption.Declare("the feed it was cleaned under"));

    public string Details => $"""
        Loads CLEAN.csv into the database of {DatabaseSettings.ConnectionStringVariable}, exactly once, with OBJECT_KEY as its
        lineage. Prints what it did: rows inserted, replaced, removed, kept (an existing row was newer), or skipped.
        Exit codes: 0 loaded or skipped, 1 an error (nothing was loaded), 2 the file is not a cleaned file.
        """;

    public async Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var path = args.Operand("CLEAN.csv")!;
        var key = args.Value("--key")!;
        if (InputFiles.ProblemWithFile(path, "a cleaned file") is { } problem)
        {
            await output.Error.WriteLineAsync($"load: {problem}").ConfigureAwait(false);
            return 1;
        }

        var contract = FeedOption.Read(args) ?? FeedContracts.Default;
        var sha256 = args.Value("--sha256") ?? await HashFileAsync(path, cancellationToken).ConfigureAwait(false);
        await using var dataSource = await DatabaseConnections.FromEnvironment().OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            var result = await new CleanFileLoader(dataSource).LoadAsync(file, new LoadSource(key, sha256) { Contract = contract }, cancellationToken).ConfigureAwait(false);
            await output.Out.WriteLineAsync(LoadReport.Format(key, result)).ConfigureAwait(false);
            return 0;
        }
        catch (InvalidDataException e)
        {
            await output.Error.WriteLineAsync($"load: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (ArgumentException e)
        {
            await output.Error.WriteLineAsync($"load: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
    }
}
