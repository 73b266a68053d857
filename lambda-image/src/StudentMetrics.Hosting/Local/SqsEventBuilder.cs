using StudentMetrics.Hosting.Events;

namespace StudentMetrics.Hosting.Local;

/// <summary>Builds the event Lambda's SQS event source mapping would deliver for a batch of received messages.</summary>
public static class SqsEventBuilder
{
    public static SqsEvent Build(IReadOnlyList<QueuedMessage> messages, string queueArn, string region)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return new SqsEvent
        {
            Records = messages.Select(m => new SqsMessage
            {
                MessageId = m.MessageId,
                ReceiptHandle = m.ReceiptHandle,
                Body = m.Body,
                Attributes = m.Attributes,
                MessageAttributes = new Dictionary<string, SqsMessageAttribute>(),
                Md5OfBody = m.Md5OfBody,
                EventSource = SqsMessage.Source,
                EventSourceArn = queueArn,
                AwsRegion = region,
            }).ToList(),
        };
    }
}
