using System.Globalization;
using System.Text.RegularExpressions;
using StudentMetrics.Aws;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning.Sources;
using StudentMetrics.Cli.Arguments;
using StudentMetrics.Database;
using StudentMetrics.Database.Sources;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Configuration;
using StudentMetrics.Functions.Sources;

namespace StudentMetrics.Cli.Commands;

/// <summary>
/// <c>student-metrics sources ACTION [SOURCE]</c>: who may upload, and which schools each source may send. Changes the
/// registry in the database (audited: who, when, what, why), then publishes it to the data bucket for the cleaner.
/// </summary>
internal sealed partial class SourcesCommand : ICliCommand
{
    private static readonly string[] Changes = ["add", "permit", "withdraw", "describe", "remove"];

    public string Name => "sources";

    public string Summary => "List or change the sources (upload folders) and the schools each may send; every change audited.";

    public CommandSyntax Syntax { get; } = CommandSyntax.Of(
        "sources",
        new Operand("ACTION", "list, history, add, permit, withdraw, describe, remove or publish"),
        new Operand("SOURCE", "the source: its folder below raw/ (raw/SOURCE/)", Required: false),
        new Option("--schools", "ID,ID", "school ids (add, permit, withdraw); case does not matter"),
        new Option("--description", "TEXT", "what the source is (add, describe)"),
        new Option("--reason", "TEXT", "why, for the audit"),
        new Option("--by", "NAME", "who the change is made for, for the audit (default: your user name and host)"),
        new Option("--bucket", "NAME", $"the data bucket to publish to (default {AwsSettings.DataBucketVariable})"));

    public string Details => $"""
        A source is a folder of uploads, {CleanOutputLayout.Raw}SOURCE/, and the school ids it may send rows for. A row for any
        other school is rejected (school_id:not_permitted_for_source); a file outside every registered folder is set aside.
          list                     every source and its schools (SOURCE: just that one)
          history                  the audit of changes, newest first (SOURCE: just that one's)
          add SOURCE --schools ..  register a source with the schools it may send
          permit SOURCE --schools  let it send more schools;  withdraw SOURCE --schools  fewer
          describe SOURCE --description TEXT;  remove SOURCE  (its files are set aside from then on)
          publish                  copy the registry to the bucket again (the changes above do it themselves)
        The registry lives in the database of {DatabaseSettings.ConnectionStringVariable} (connect as student_metrics_owner);
        the clean function reads the copy published at s3://BUCKET/{CleanOutputLayout.SourceRegistry}. Files cleaned before a
        change keep their rejects until they are uploaded again or replayed (ops/replay.sh).
        Exit codes: 0 done, 1 an error or a change that could not be made (nothing changed).
        """;

    public async Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var action = args.Operand("ACTION")!;
        var source = args.Operand("SOURCE");
        if (Problem(action, source, args) is { } problem)
        {
            await output.Error.WriteLineAsync($"sources: {problem}").ConfigureAwait(false);
            return 1;
        }

        var prefix = source is null ? null : CleanOutputLayout.SourcePrefix(source);
        var bucket = args.Value("--bucket") ?? AwsSettings.FromEnvironment().DataBucket;
        var publishes = Changes.Contains(action) || action == "publish";
        if (publishes && bucket is null)
        {
            await output.Error.WriteLineAsync(
                $"sources: no bucket to publish the registry to: set {AwsSettings.DataBucketVariable} or --bucket NAME (nothing was changed)").ConfigureAwait(false);
            return 1;
        }

        await using var database = await DatabaseConnections.FromEnvironment().OpenAsync(cancellationToken).ConfigureAwait(false);
        var store = new SourceRegistryStore(database);
        var actor = new RegistryActor(args.Value("--by") ?? $"{Environment.UserName}@{Environment.MachineName}", args.Value("--reason"));
        var schools = SchoolIds(args.Value("--schools"));
        int changed;
        try
        {
            switch (action)
            {
                case "list":
                    Write(output.Out, await store.ReadAsync(TimeProvider.System, cancellationToken).ConfigureAwait(false), prefix);
                    return 0;
                case "history":
                    Write(output.Out, await store.HistoryAsync(prefix, 200, cancellationToken).ConfigureAwait(false));
                    return 0;
                case "add":
                    changed = await store.AddAsync(prefix!, args.Value("--description") ?? "", schools, actor, cancellationToken).ConfigureAwait(false);
                    break;
                case "permit":
                    changed = await store.PermitAsync(prefix!, schools, actor, cancellationToken).ConfigureAwait(false);
                    break;
                case "withdraw":
                    changed = await store.WithdrawAsync(prefix!, schools, actor, cancellationToken).ConfigureAwait(false);
                    break;
                case "describe":
                    changed = await store.DescribeAsync(prefix!, args.Value("--description")!, actor, cancellationToken).ConfigureAwait(false);
                    break;
                case "remove":
                    changed = await store.RemoveAsync(prefix!, actor, cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    changed = 0;
                    break;
            }
        }
        catch (SourceRegistryException e)
        {
            await output.Error.WriteLineAsync($"sources: {e.Message} (nothing was changed)").ConfigureAwait(false);
            return 1;
        }

        if (action != "publish")
        {
            await output.Out.WriteLineAsync($"sources: {action} {prefix}: {Changed(changed)}, audited as {actor.Name}").ConfigureAwait(false);
        }

        using var s3 = S3ClientFactory.Create(AwsSettings.FromEnvironment());
        var registry = await SourceRegistryPublication.PublishAsync(database, s3, bucket!, cancellationToken).ConfigureAwait(false);
        await output.Out.WriteLineAsync(
            $"sources: published revision {registry.Revision} ({registry.Sources.Count} source(s)) to {SourceRegistryPublication.In(s3, bucket!).Address}").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Canonical school ids, as the cleaner writes them: trimmed and upper-cased.</summary>
    public static IReadOnlyList<string> SchoolIds(string? list) =>
        list is null ? [] : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal)];

    private static string? Problem(string action, string? source, ParsedArguments args)
    {
        if (action is not ("list" or "history" or "publish") && !Changes.Contains(action))
        {
            return $"unknown action '{action}': list, history, add, permit, withdraw, describe, remove or publish";
        }

        if (Changes.Contains(action) && source is null)
        {
            return $"{action} needs SOURCE: the folder below {CleanOutputLayout.Raw} the source uploads to";
        }

        if (source is not null && (source.Contains('/', StringComparison.Ordinal) || source.Any(char.IsControl) || source.Trim().Length != source.Length || source.Length == 0))
        {
            return $"'{source}' is not a source name: one folder name, without '/', control characters or surrounding spaces";
        }

        if (action is "permit" or "withdraw" && SchoolIds(args.Value("--schools")).Count == 0)
        {
            return $"{action} needs --schools ID,ID";
        }

        if (SchoolIds(args.Value("--schools")).FirstOrDefault(id => !SchoolId().IsMatch(id)) is { } bad)
        {
            return $"'{bad}' is not a school id: 1 to 20 of A-Z 0-9 - _, as the feed contract says";
        }

        return action == "describe" && args.Value("--description") is null ? "describe needs --description TEXT" : null;
    }

    private static string Changed(int rows) => rows == 0 ? "nothing to change" : rows.ToString(CultureInfo.InvariantCulture) + " change(s)";

    private static void Write(TextWriter output, SourceRegistry registry, string? prefix)
    {
        var shown = registry.Sources.Where(s => prefix is null || s.Prefix == prefix).ToList();
        output.WriteLine($"source registry, revision {registry.Revision}: {shown.Count} source(s)");
        foreach (var source in shown)
        {
            output.WriteLine($"  {source.Prefix}  {(source.Description.Length > 0 ? source.Description : "(no description)")}");
            output.WriteLine($"      schools ({source.Schools.Count}): {(source.Schools.Count > 0 ? string.Join(", ", source.Schools) : "none: every row is rejected")}");
        }
    }

    private static void Write(TextWriter output, IReadOnlyList<SourceChange> changes)
    {
        foreach (var change in changes)
        {
            var what = change.SchoolId ?? change.Detail ?? "";
            var why = change.Reason is null ? "" : $"  because: {change.Reason}";
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{change.ChangeId,6}  {change.ChangedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {change.ChangedBy} ({change.DatabaseRole})  {change.Action} {change.Prefix} {what}{why}"));
        }
    }

    [GeneratedRegex("^[A-Z0-9_-]{1,20}$")]
    private static partial Regex SchoolId();
}
