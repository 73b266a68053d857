using StudentMetrics.Aws;
using StudentMetrics.Aws.S3;
using StudentMetrics.Database;
using StudentMetrics.Functions.Configuration;
using StudentMetrics.Functions.Sources;
using StudentMetrics.Hosting;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Functions.Migrate;

/// <summary>
/// Applies the migrations this image carries to the product database; the deploy workflow invokes it before it points
/// traffic at a new version. A failed script is an invocation error, so the deploy stops. Then it publishes the source
/// registry to the data bucket for the clean function (a migration may have changed it); failing to is an error too.
/// </summary>
[Function(Name)]
[DirectInvocationTrigger]
public sealed class MigrateFunction(DatabaseConnections connections, AwsSettings aws) : IJsonFunction<MigrateRequest, MigrateResponse>
{
    public const string Name = "migrate";

    public async Task<MigrateResponse> InvokeAsync(MigrateRequest request, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        await using var dataSource = await connections.OpenAsync(context.CancellationToken).ConfigureAwait(false);
        using var progress = new LogLineWriter(context.Log);
        var result = await new DatabaseMigrator(dataSource, progress).MigrateAsync(request.DryRun, context.CancellationToken).ConfigureAwait(false);
        context.Log.Info(
            result.DryRun ? "migrations pending" : "migrations applied",
            LogField.Of("applied", string.Join(",", result.Scripts)),
            LogField.Of("appliedCount", result.Scripts.Count),
            LogField.Of("alreadyApplied", result.AlreadyApplied));
        long? published = null;
        if (!result.DryRun && aws.DataBucket is { } bucket)
        {
            using var s3 = S3ClientFactory.Create(aws);
            published = (await SourceRegistryPublication.PublishAsync(dataSource, s3, bucket, context.CancellationToken).ConfigureAwait(false)).Revision;
            context.Log.Info("source registry published", LogField.Of("address", SourceRegistryPublication.In(s3, bucket).Address), LogField.Of("revision", published.Value));
        }

        return new MigrateResponse
        {
            PublishedRegistryRevision = published,
            DryRun = result.DryRun,
            Applied = result.Scripts,
            BaselineRecorded = result.BaselineByEquivalence,
            RemovedRepeatables = result.RemovedRepeatables,
            AlreadyApplied = result.AlreadyApplied,
            AppliedButUnknown = result.AppliedButUnknown,
        };
    }
}
