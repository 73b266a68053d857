using StudentMetrics.Aws.Sqs;
using StudentMetrics.Hosting.Local;

namespace StudentMetrics.Functions.Local;

/// <summary>The local host's queue, backed by SQS (or the emulator at <c>AWS_ENDPOINT_URL</c>).</summary>
internal sealed class SqsMessageQueue(SqsClient sqs) : IMessageQueue
{
    public async Task<string> GetQueueArnAsync(string queueUrl, CancellationToken cancellationToken)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"], cancellationToken).ConfigureAwait(false);
        return attributes.TryGetValue("QueueArn", out var arn) ? arn : queueUrl;
    }

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(string queueUrl, int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var messages = await sqs.ReceiveMessagesAsync(queueUrl, maxMessages, wait, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        return messages.Select(m => new QueuedMessage(m.MessageId, m.ReceiptHandle, m.Body, m.Md5OfBody, m.Attributes ?? new Dictionary<string, string>())).ToList();
    }

    public Task DeleteAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken) =>
        sqs.DeleteMessageAsync(queueUrl, receiptHandle, cancellationToken);
}
