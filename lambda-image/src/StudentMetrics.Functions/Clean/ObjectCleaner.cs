using System.Reflection;
using System.Text;
using System.Text.Json;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Sources;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// Settles one raw key: makes its outputs (by <see cref="CleanOutputLayout"/>, in the bucket in AWS, in a directory
/// on a laptop) exactly those of the version the key holds now, whatever order events come in, however often, and
/// however many runs work on the key at once. The same steps run under Lambda, <c>make run</c> and
/// <c>student-metrics clean</c>. The raw object is only ever read.
/// <list type="number">
/// <item>The store says which version the key holds now; that version is cleaned, every read pinned to it. An event
/// naming an older version is stale and is skipped at once.</item>
/// <item>Every output key is looked at first. When they already hold that version's outputs (made by this build,
/// under the same registry entry) nothing is written: the event was a repeat.</item>
/// <item>After cleaning, the key is looked at once more before anything is written: a newer version there means this
/// run lost. Every write is then conditional on what the run saw at the start (S3's If-Match / If-None-Match), so a
/// run that lost the race to another run, for this version or a newer one, fails its write instead of undoing the
/// other's. Outputs of an earlier version that this one does not have are removed the same way; the report is last,
/// so its presence means the rest is complete.</item>
/// <item>The key is looked at after the report: if a newer version came meanwhile, the key is settled again for it.
/// So even where a store cannot make a write conditional, the last word on every output is the current version's.</item>
/// </list>
/// </summary>
public sealed class ObjectCleaner(IRawObjects raws, IFeedStore store, CleanerOptions options, SourceRegistry? registry)
{
    /// <summary>Settlings of one key by one event before it gives up (the event is then retried).</summary>
    public const int MaxAttempts = 4;

    // The build (version + commit) of the cleaning core: outputs from another build are made again when replayed, so a
    // file replayed after a fix is cleaned again by the fixed code.
    public static string CleanerBuild { get; } =
        typeof(FeedCleaner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unversioned";

    /// <exception cref="FileNotFoundException">The key holds nothing and the event named no version (so it cannot be told stale).</exception>
    public async Task<ObjectCleaningOutcome> SettleAsync(CleanRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var keys = CleanOutputLayout.For(request.RawKey);
        var registration = AppliedRegistration.Of(registry, request.RawKey);
        var superseded = new List<SupersededRun>();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = await raws.CurrentAsync(request.RawKey, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return request.EventVersionId is { } gone
                    ? new ObjectCleaningOutcome { StaleEventVersionId = gone, Superseded = superseded }
                    : throw new FileNotFoundException($"{raws.Location}/{request.RawKey} holds nothing: it was never uploaded, or it was deleted");
            }

            if (attempt == 1 && request.EventVersionId is { } named && named != current.VersionId)
            {
                return new ObjectCleaningOutcome { StaleEventVersionId = named, Version = current };
            }

            var observed = await ObservedOutputs.ObserveAsync(store, keys, cancellationToken).ConfigureAwait(false);
            if (observed.SettledReport(current.VersionId, registration.Fingerprint) is { } settled)
            {
                return new ObjectCleaningOutcome { Report = settled, Version = current, Repeated = true, Superseded = superseded };
            }

            var counted = !observed.ReportIsOf(current.VersionId, registration.Fingerprint);
            try
            {
                var sequencer = request.EventVersionId == current.VersionId ? request.EventSequencer : null;
                var report = await WriteAsync(current, sequencer, registration, observed, cancellationToken).ConfigureAwait(false);
                var after = await raws.CurrentAsync(request.RawKey, cancellationToken).ConfigureAwait(false);
                if (after?.VersionId == current.VersionId)
                {
                    return new ObjectCleaningOutcome { Report = report, Version = current, Counted = counted, Superseded = superseded };
                }

                superseded.Add(new SupersededRun(current.VersionId, after?.VersionId, "a newer version was uploaded while it was being written; settling the key again"));
            }
            catch (StaleVersionException e)
            {
                superseded.Add(new SupersededRun(current.VersionId, e.Current?.VersionId, "a newer version was uploaded while it was being cleaned; nothing written"));
            }
            catch (OutputConflictException e)
            {
                superseded.Add(new SupersededRun(current.VersionId, null, e.Message));
            }
        }

        throw new InvalidOperationException(
            $"{raws.Location}/{request.RawKey} did not settle in {MaxAttempts} attempts (it kept changing, or other runs kept writing it); the event is retried");
    }

    private async Task<CleaningReport> WriteAsync(
        RawVersion version, string? sequencer, AppliedRegistration registration, ObservedOutputs observed, CancellationToken cancellationToken)
    {
        var keys = observed.Keys;
        var contract = FeedRouting.ContractFor(keys.RawKey);
        var raw = raws.Open(version, cancellationToken);
        var ordinal = await raws.OrdinalAsync(version, cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, string> MetadataFor(string sha256) => LineageMetadata.Write(new Lineage(
            keys.IsLongKey ? null : version.Key, sha256, version.VersionId, version.UploadedAt, ordinal, sequencer, registration.Fingerprint, CleanerBuild, contract.Dataset, contract.Version));

        IReadOnlyDictionary<string, string>? metadata = null;
        IOutputObject? clean = null, rejects = null;
        try
        {
            var report = await Task.Run(
                () =>
                {
                    var cleaner = new FeedCleaner(options with { Contract = contract, PermittedValues = registration.PermittedSchools });
                    if (keys.IsLongKey)
                    {
                        return cleaner.SetAside(raw, QuarantineReasons.KeyTooLong(Encoding.UTF8.GetByteCount(keys.RawKey), CleanOutputLayout.MaxKeyBytes), cancellationToken);
                    }

                    if (registration.Refused)
                    {
                        return cleaner.SetAside(raw, QuarantineReasons.SourceNotRegistered(CleanOutputLayout.SourceOf(keys.RawKey), CleanOutputLayout.Raw), cancellationToken);
                    }

                    return cleaner.Clean(
                        raw,
                        source =>
                        {
                            metadata = MetadataFor(source.Sha256);
                            clean = store.Create(keys.Clean!, metadata, cancellationToken);
                            rejects = store.Create(keys.Rejects!, metadata, cancellationToken);
                            return new CleanerOutputs(clean.Content, rejects.Content);
                        },
                        cancellationToken);
                },
                cancellationToken).ConfigureAwait(false);
            metadata ??= MetadataFor(report.Source.Sha256);
            report = report with
            {
                Source = new ReportSource
                {
                    Location = report.Source.Location,
                    Key = report.Source.Key,
                    SizeBytes = report.Source.SizeBytes,
                    Sha256 = report.Source.Sha256,
                    VersionId = version.VersionId,
                    UploadedAt = version.UploadedAt,
                },
                Registration = registration.ForReport,
            };

            // The one look at the key between seeing the outputs and writing any. A newer version here: this run has
            // lost. One uploaded after it: its run finds these writes (their ETags changed) and replaces them.
            var now = await raws.CurrentAsync(version.Key, cancellationToken).ConfigureAwait(false);
            if (now?.VersionId != version.VersionId)
            {
                throw new StaleVersionException(now);
            }

            var writes = new ConditionalWrites(store, observed);
            var outputs = report.Status == FileStatus.Cleaned
                ? await CompleteCleanedAsync(keys, clean!, rejects!, writes, cancellationToken).ConfigureAwait(false)
                : await SetAsideAsync(raw, report, keys, metadata, clean, rejects, writes, cancellationToken).ConfigureAwait(false);
            if (report.Status == FileStatus.Quarantined)
            {
                outputs.Add(new ReportOutput(OutputKind.QuarantineReport, keys.QuarantineReport));
            }

            outputs.Add(new ReportOutput(OutputKind.Report, keys.Report));
            var listed = outputs.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var earlier in keys.All.Where(k => !listed.Contains(k)))
            {
                await writes.DeleteAsync(earlier, cancellationToken).ConfigureAwait(false);
            }

            report = report with { Outputs = outputs };
            if (report.Status == FileStatus.Quarantined)
            {
                await writes.PutAsync(keys.QuarantineReport, ReportJson(report), metadata, cancellationToken).ConfigureAwait(false);
            }

            await writes.PutAsync(keys.Report, ReportJson(report), metadata, cancellationToken).ConfigureAwait(false);
            return report;
        }
        finally
        {
            // Whatever was not completed is discarded: a failed, cancelled or stale run leaves no partial output.
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

    private static async Task<List<ReportOutput>> CompleteCleanedAsync(
        CleanOutputKeys keys, IOutputObject clean, IOutputObject rejects, ConditionalWrites writes, CancellationToken cancellationToken)
    {
        await writes.CompleteAsync(rejects, cancellationToken).ConfigureAwait(false);
        await writes.CompleteAsync(clean, cancellationToken).ConfigureAwait(false);
        return [new ReportOutput(OutputKind.Cleaned, keys.Clean!), new ReportOutput(OutputKind.Rejects, keys.Rejects!)];
    }

    private static async Task<List<ReportOutput>> SetAsideAsync(
        IRawFile raw, CleaningReport report, CleanOutputKeys keys, IReadOnlyDictionary<string, string> lineage,
        IOutputObject? clean, IOutputObject? rejects, ConditionalWrites writes, CancellationToken cancellationToken)
    {
        var outputs = new List<ReportOutput>();
        if (clean is not null)
        {
            await clean.AbortAsync().ConfigureAwait(false);
        }

        await writes.CopyRawAsync(raw, keys.Quarantined, lineage, cancellationToken).ConfigureAwait(false);
        outputs.Add(new ReportOutput(OutputKind.Quarantined, keys.Quarantined));
        if (rejects is not null && report.RowsRejected > 0)
        {
            // The rejected rows are how a school sees what was wrong with a file set aside for too many of them. The
            // upload's key was fixed before the verdict, so they are moved beside the file once complete.
            var written = await writes.CompleteAsync(rejects, cancellationToken).ConfigureAwait(false);
            await writes.CopyAsync(written, keys.QuarantineRejects!, cancellationToken).ConfigureAwait(false);
            await writes.DeleteAsync(written.Key, cancellationToken).ConfigureAwait(false);
            outputs.Add(new ReportOutput(OutputKind.QuarantineRejects, keys.QuarantineRejects!));
        }

        return outputs;
    }

    private static byte[] ReportJson(CleaningReport report) =>
        JsonSerializer.SerializeToUtf8Bytes(report, CleaningReportJsonContext.Default.CleaningReport);
}
