using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cli.Arguments;
using StudentMetrics.Cli.Contracts;
using StudentMetrics.Database;
using StudentMetrics.Database.Schema;
using StudentMetrics.Functions.Configuration;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics contracts [list|docs|check]</c>: the feed contracts, their pages, and the database held to them.</summary>
internal sealed class ContractsCommand : ICliCommand
{
    public string Name => "contracts";

    public string Summary => "List the feed contracts, write their documentation, or check a database against them.";

    public CommandSyntax Syntax { get; } = CommandSyntax.Of(
        "contracts",
        new Operand("ACTION", "list (the default); docs (rewrite the contract tables under docs/); check (compare the database with the contracts); migration (print a new feed's tables as SQL, a draft of its migration)", Required: false),
        new Option("--repo", "DIR", "with docs: the repository whose docs/ to write (default: the current directory)"),
        FeedOption.Declare("with migration: the feed whose tables to write"));

    public string Details => $"""
        The contracts are the files under contracts/ this build carries: one per feed and major version.
        docs: each contract's tables go into its documentation page ({FeedContracts.Default.Documentation} for the default
        feed, between its markers; docs/feeds/FEED.md for the others). 'make contracts' runs it.
        check: reads the database of {DatabaseSettings.ConnectionStringVariable} (migrate it first) and prints every
        difference between its tables and the contracts, each naming the file to add or change.
        migration: prints the CREATE TABLE statements of a feed (stored, staging and, for a keyed feed, displaced rows),
        the loader's grant and its core.feeds row, from its contract: review it and save it as db/migrations/NNNN_FEED.sql.
        Exit codes: 0 done (check: no difference), 1 an error, 2 check found differences.
        """;

    public async Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        switch (args.Operand("ACTION") ?? "list")
        {
            case "list":
                foreach (var contract in FeedContracts.All.Values)
                {
                    await output.Out.WriteLineAsync($"{contract.Dataset,-28} {contract.Version,-6} {contract.Table,-40} contracts/{contract.FileName}").ConfigureAwait(false);
                }

                return 0;
            case "docs":
                var repository = Path.GetFullPath(args.Value("--repo") ?? ".");
                foreach (var contract in FeedContracts.All.Values)
                {
                    var page = Path.Combine(repository, contract.Documentation);
                    var text = File.Exists(page) && (await File.ReadAllTextAsync(page, cancellationToken).ConfigureAwait(false)).Contains(ContractMarkdown.Begin, StringComparison.Ordinal)
                        ? ContractMarkdown.Replace(await File.ReadAllTextAsync(page, cancellationToken).ConfigureAwait(false), contract)
                        : ContractMarkdown.Page(contract);
                    Directory.CreateDirectory(Path.GetDirectoryName(page)!);
                    await File.WriteAllTextAsync(page, text, cancellationToken).ConfigureAwait(false);
                    await output.Out.WriteLineAsync($"contracts: wrote {Path.GetRelativePath(repository, page)}").ConfigureAwait(false);
                }

                return 0;
            case "check":
                await using (var dataSource = await DatabaseConnections.FromEnvironment().OpenAsync(cancellationToken).ConfigureAwait(false))
                await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
                {
                    var differences = await ContractSchemaCheck.CheckAsync(connection, FeedContracts.All.Values, cancellationToken).ConfigureAwait(false);
                    foreach (var difference in differences)
                    {
                        await output.Error.WriteLineAsync($"contracts: {difference}").ConfigureAwait(false);
                    }

                    await output.Out.WriteLineAsync($"contracts: {FeedContracts.All.Count} contract(s) checked, {differences.Count} difference(s)").ConfigureAwait(false);
                    return differences.Count == 0 ? 0 : 2;
                }

            case "migration":
                await output.Out.WriteAsync(ContractMigrationSql.For(FeedOption.Read(args) ?? throw new UsageException("migration needs --feed FEED"))).ConfigureAwait(false);
                return 0;
            case var other:
                throw new UsageException($"unknown action '{other}': list, docs, check or migration");
        }
    }
}
