using StudentMetrics.Aws;
using StudentMetrics.Aws.Sqs;
using StudentMetrics.Hosting;
using StudentMetrics.Hosting.Local;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Functions.Local;

/// <summary>
/// The product's functions driven from an SQS queue on a laptop, through the same catalog and bindings as in Lambda:
/// the event each function sees is the one Lambda's SQS event source mapping would build.
/// </summary>
public sealed class LocalQueueHost : IDisposable
{
    private readonly SqsClient? _ownedSqs;
    private readonly QueuePoller _poller;

    /// <summary>The product's functions with <paramref name="settings"/> (SQS, the data bucket), logs and metrics on stdout.</summary>
    public LocalQueueHost(AwsSettings settings)
        : this(new SqsClient(settings), ProductFunctions.Create(() => settings), JsonLog.Console, EmbeddedMetrics.Console, ownsClient: true)
    {
    }

    /// <param name="sqs">Stays the caller's: disposing the host leaves it open.</param>
    public LocalQueueHost(SqsClient sqs, FunctionCatalog catalog, JsonLog log, EmbeddedMetrics metrics)
        : this(sqs, catalog, log, metrics, ownsClient: false)
    {
    }

    private LocalQueueHost(SqsClient sqs, FunctionCatalog catalog, JsonLog log, EmbeddedMetrics metrics, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        _ownedSqs = ownsClient ? sqs : null;
        _poller = new QueuePoller(new SqsMessageQueue(sqs), catalog, log, metrics, TimeProvider.System, sqs.Region);
    }

    /// <summary>Runs <paramref name="functionName"/> on the queue's messages until a receive comes back empty.</summary>
    public Task<LocalDrainResult> DrainAsync(string queueUrl, string functionName, CancellationToken cancellationToken) =>
        _poller.DrainAsync(queueUrl, functionName, cancellationToken);

    /// <summary>Runs <paramref name="functionName"/> on the queue's messages until cancelled.</summary>
    public Task<LocalDrainResult> ServeAsync(string queueUrl, string functionName, CancellationToken cancellationToken) =>
        _poller.ServeAsync(queueUrl, functionName, cancellationToken);

    public void Dispose() => _ownedSqs?.Dispose();
}
