using System.Globalization;
using System.Text.Json;
using StudentMetrics.Hosting.Events;
using StudentMetrics.Hosting.Lambda;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Hosting.Local;

/// <summary>
/// Lambda's SQS event source mapping, on a laptop: receive a batch, build the SQS event Lambda would build, invoke the
/// function through the same catalog, delete what it handled and leave its batch item failures on the queue.
/// </summary>
public sealed class QueuePoller(IMessageQueue queue, FunctionCatalog catalog, JsonLog log, EmbeddedMetrics metrics, TimeProvider time, string region)
{
    /// <summary>Messages per invocation: one file at a time, as the clean function's event source mapping in ops/cloudformation/pipeline.yaml (a test holds the two in step).</summary>
    public const int BatchSize = 1;

    /// <summary>How long a received message stays hidden: a failed one is retried after this, as with Lambda.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The deadline each invocation gets, as the function's timeout would be in Lambda.</summary>
    public TimeSpan InvocationTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Processes until a receive comes back empty.</summary>
    public Task<LocalDrainResult> DrainAsync(string queueUrl, string functionName, CancellationToken cancellationToken) =>
        PollAsync(queueUrl, functionName, untilEmpty: true, cancellationToken);

    /// <summary>Processes until cancelled, long-polling while the queue is empty.</summary>
    public Task<LocalDrainResult> ServeAsync(string queueUrl, string functionName, CancellationToken cancellationToken) =>
        PollAsync(queueUrl, functionName, untilEmpty: false, cancellationToken);

    private async Task<LocalDrainResult> PollAsync(string queueUrl, string functionName, bool untilEmpty, CancellationToken cancellationToken)
    {
        var invoker = catalog.Get(functionName).CreateInvoker();
        var queueArn = await queue.GetQueueArnAsync(queueUrl, cancellationToken).ConfigureAwait(false);
        log.Info("polling queue", LogField.Of("function", functionName), LogField.Of("queueUrl", queueUrl));
        int invocations = 0, received = 0, succeeded = 0, failed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            IReadOnlyList<QueuedMessage> messages;
            try
            {
                var wait = untilEmpty ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10);
                messages = await queue.ReceiveAsync(queueUrl, BatchSize, wait, VisibilityTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (messages.Count == 0)
            {
                if (untilEmpty)
                {
                    break;
                }

                continue;
            }

            invocations++;
            received += messages.Count;
            var failedIds = await InvokeAsync(invoker, messages, queueArn, cancellationToken).ConfigureAwait(false);
            foreach (var message in messages)
            {
                if (failedIds.Contains(message.MessageId))
                {
                    failed++;
                    continue;
                }

                await queue.DeleteAsync(queueUrl, message.ReceiptHandle, CancellationToken.None).ConfigureAwait(false);
                succeeded++;
            }
        }

        return new LocalDrainResult(invocations, received, succeeded, failed);
    }

    private async Task<HashSet<string>> InvokeAsync(IFunctionInvoker invoker, IReadOnlyList<QueuedMessage> messages, string queueArn, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(SqsEventBuilder.Build(messages, queueArn, region), LambdaEventJsonContext.Default.SqsEvent);
        var arn = string.Create(CultureInfo.InvariantCulture, $"arn:aws:lambda:{region}:000000000000:function:{invoker.FunctionName}");
        var result = await new FunctionInvocation(invoker, log, metrics, time, InvocationDeadline.DefaultSafetyMargin)
            .InvokeAsync(Guid.NewGuid().ToString(), arn, null, time.GetUtcNow() + InvocationTimeout, payload, cancellationToken)
            .ConfigureAwait(false);
        if (result.Error is not null)
        {
            // An invocation error returns the whole batch to the queue, as Lambda does.
            return messages.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
        }

        var batch = result.Response.Length == 0 ? null : JsonSerializer.Deserialize(result.Response, LambdaEventJsonContext.Default.SqsBatchResponse);
        var failures = batch?.BatchItemFailures.Select(f => f.ItemIdentifier).ToHashSet(StringComparer.Ordinal) ?? [];
        result.Context.Log.Info("batch handled", LogField.Of("messages", messages.Count), LogField.Of("batchItemFailures", failures.Count));
        return failures;
    }
}
