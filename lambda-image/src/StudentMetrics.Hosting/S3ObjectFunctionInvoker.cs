using System.Text.Json;
using StudentMetrics.Hosting.Events;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Hosting;

/// <summary>
/// Binds the S3 object-created trigger. Through SQS, each message succeeds or fails on its own and the failures are
/// returned as a partial batch response; delivered directly by S3, a failure is an invocation error (S3 then retries).
/// Either way each object that fails is counted as <see cref="FilesFailedMetric"/>: a partial batch failure is a
/// successful invocation, which Lambda's own Errors metric never sees.
/// </summary>
internal sealed class S3ObjectFunctionInvoker(string name, string prefix, IS3ObjectFunction function) : IFunctionInvoker
{
    public const string FilesFailedMetric = "FilesFailed";

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public string FunctionName => name;

    public async Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (IncomingEvent.Classify(payload))
        {
            case IncomingEventKind.Sqs:
                var batch = JsonSerializer.Deserialize(payload.Span, LambdaEventJsonContext.Default.SqsEvent)!;
                var response = await HandleBatchAsync(batch, context).ConfigureAwait(false);
                return JsonSerializer.SerializeToUtf8Bytes(response, LambdaEventJsonContext.Default.SqsBatchResponse);

            case IncomingEventKind.S3:
                var s3Event = JsonSerializer.Deserialize(payload.Span, LambdaEventJsonContext.Default.S3Event)!;
                foreach (var record in s3Event.Records)
                {
                    await HandleRecordAsync(record, context).ConfigureAwait(false);
                }

                return EmptyObject;

            case IncomingEventKind.S3Test:
                context.Log.Info("s3 test event ignored");
                return EmptyObject;

            default:
                throw new FormatException($"The '{name}' function takes an S3 event or an SQS batch of S3 events; this payload is neither.");
        }
    }

    private async Task<SqsBatchResponse> HandleBatchAsync(SqsEvent batch, FunctionContext context)
    {
        var failures = new List<SqsBatchItemFailure>();
        foreach (var message in batch.Records)
        {
            if (context.CancellationToken.IsCancellationRequested)
            {
                // Out of time: what is not started goes back to the queue rather than being cut off half done.
                context.Log.Warn("message left for retry: invocation deadline near", LogField.Of("messageId", message.MessageId));
                failures.Add(new SqsBatchItemFailure { ItemIdentifier = message.MessageId });
                continue;
            }

            try
            {
                var notification = S3Notification.Parse(message.Body);
                if (notification.IsTestEvent)
                {
                    context.Log.Info("s3 test event ignored", LogField.Of("messageId", message.MessageId));
                    continue;
                }

                foreach (var record in notification.Records)
                {
                    await HandleRecordAsync(record, context).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                context.Log.Error("message failed", e, LogField.Of("messageId", message.MessageId));
                failures.Add(new SqsBatchItemFailure { ItemIdentifier = message.MessageId });
            }
        }

        return new SqsBatchResponse { BatchItemFailures = failures };
    }

    private async Task HandleRecordAsync(S3EventRecord record, FunctionContext context)
    {
        if (!record.IsObjectCreated)
        {
            context.Log.Info("event skipped: not an object creation", LogField.Of("eventName", record.EventName));
            return;
        }

        var s3Object = S3ObjectReference.From(record);
        if (!s3Object.Key.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Log.Info("object skipped: outside the trigger prefix", LogField.Of("bucket", s3Object.Bucket), LogField.Of("key", s3Object.Key), LogField.Of("prefix", prefix));
            return;
        }

        try
        {
            await function.HandleAsync(s3Object, context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Metrics.Write(
                name,
                [new Metric(FilesFailedMetric, 1, MetricUnit.Count)],
                [LogField.Of("requestId", context.RequestId), LogField.Of("bucket", s3Object.Bucket), LogField.Of("key", s3Object.Key)]);
            throw;
        }
    }
}
