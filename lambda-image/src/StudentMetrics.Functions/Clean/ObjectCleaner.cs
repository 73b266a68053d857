using System.Reflection;
using System.Text.Json;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// Cleans one raw object into its outputs in a store (the bucket in AWS, a directory on a laptop), by
/// <see cref="CleanOutputLayout"/>. The raw object is only ever read. The report is written last, so its presence
/// means every other output of that run is complete. The same steps run under Lambda, <c>make run</c> and
/// <c>student-metrics clean</c>.
/// </summary>
public sealed class ObjectCleaner(IFeedStore store, CleanerOptions options)
{
    // The build (version + commit) of the cleaning core: a report from another build is not reused, so a file replayed
    // after a fix is cleaned again by the fixed code.
    public static string CleanerBuild { get; } =
        typeof(FeedCleaner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unversioned";

    public async Task<ObjectCleaningOutcome> CleanAsync(IRawFile raw, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var keys = CleanOutputLayout.For(raw.Key);
        var contract = FeedRouting.ContractFor(raw.Key);
        var feedOptions = options with { Contract = contract };

        // Events arrive at least once: the same version seen again by the same cleaner build gets the first report.
        if (await TryEarlierReportAsync(keys.Report, raw.Version, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return new ObjectCleaningOutcome(earlier, Repeated: true);
        }

        IReadOnlyDictionary<string, string>? lineage = null;
        IOutputObject? clean = null, rejects = null;
        try
        {
            var report = await Task.Run(
                () => new FeedCleaner(feedOptions).Clean(
                    raw,
                    source =>
                    {
                        lineage = LineageMetadata.Of(raw.Key, source.Sha256, raw.Version, CleanerBuild, contract);
                        clean = store.Create(keys.Clean, lineage, cancellationToken);
                        rejects = store.Create(keys.Rejects, lineage, cancellationToken);
                        return new CleanerOutputs(clean.Content, rejects.Content);
                    },
                    cancellationToken),
                cancellationToken).ConfigureAwait(false);
            lineage ??= LineageMetadata.Of(raw.Key, report.Source.Sha256, raw.Version, CleanerBuild, contract);
            var outputs = report.Status == FileStatus.Cleaned
                ? await CompleteCleanedAsync(keys, clean!, rejects!, cancellationToken).ConfigureAwait(false)
                : await SetAsideAsync(raw, report, keys, lineage, clean, rejects, cancellationToken).ConfigureAwait(false);
            outputs.Add(new ReportOutput(OutputKind.Report, keys.Report));
            report = report with { Outputs = outputs };
            if (report.Status == FileStatus.Quarantined)
            {
                await store.PutAsync(keys.QuarantineReport, ReportJson(report), lineage, cancellationToken).ConfigureAwait(false);
            }

            await store.PutAsync(keys.Report, ReportJson(report), lineage, cancellationToken).ConfigureAwait(false);
            return new ObjectCleaningOutcome(report, Repeated: false);
        }
        finally
        {
            // Whatever was not completed is discarded: a failed or cancelled run leaves no partial output.
            if (clean is not null)
            {
                await clean.DisposeAsync().ConfigureAwait(false);
            }

            if (rejects is not null)
            {
                await rejects.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<List<ReportOutput>> CompleteCleanedAsync(CleanOutputKeys keys, IOutputObject clean, IOutputObject rejects, CancellationToken cancellationToken)
    {
        await rejects.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await clean.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return [new ReportOutput(OutputKind.Cleaned, keys.Clean), new ReportOutput(OutputKind.Rejects, keys.Rejects)];
    }

    private async Task<List<ReportOutput>> SetAsideAsync(
        IRawFile raw, CleaningReport report, CleanOutputKeys keys, IReadOnlyDictionary<string, string> lineage,
        IOutputObject? clean, IOutputObject? rejects, CancellationToken cancellationToken)
    {
        var outputs = new List<ReportOutput>();
        if (clean is not null)
        {
            await clean.AbortAsync().ConfigureAwait(false);
        }

        await store.CopyRawAsync(raw, keys.Quarantined, lineage, cancellationToken).ConfigureAwait(false);
        outputs.Add(new ReportOutput(OutputKind.Quarantined, keys.Quarantined));
        if (rejects is not null && report.RowsRejected > 0)
        {
            // The rejected rows are how a school sees what was wrong with a file set aside for too many of them. The
            // upload's key was fixed before the verdict, so they are moved beside the file once complete.
            await rejects.CompleteAsync(cancellationToken).ConfigureAwait(false);
            await store.CopyAsync(keys.Rejects, keys.QuarantineRejects, cancellationToken).ConfigureAwait(false);
            await store.DeleteAsync(keys.Rejects, cancellationToken).ConfigureAwait(false);
            outputs.Add(new ReportOutput(OutputKind.QuarantineRejects, keys.QuarantineRejects));
        }

        outputs.Add(new ReportOutput(OutputKind.QuarantineReport, keys.QuarantineReport));
        return outputs;
    }

    private async Task<CleaningReport?> TryEarlierReportAsync(string reportKey, string version, CancellationToken cancellationToken)
    {
        var stored = await store.TryReadAsync(reportKey, cancellationToken).ConfigureAwait(false);
        if (stored is null
            || stored.Metadata.GetValueOrDefault(LineageMetadata.SourceVersion) != version
            || stored.Metadata.GetValueOrDefault(LineageMetadata.CleanerBuild) != CleanerBuild)
        {
            return null;
        }

        return JsonSerializer.Deserialize(stored.Content.Span, CleaningReportJsonContext.Default.CleaningReport);
    }

    private static byte[] ReportJson(CleaningReport report) =>
        JsonSerializer.SerializeToUtf8Bytes(report, CleaningReportJsonContext.Default.CleaningReport);
}
