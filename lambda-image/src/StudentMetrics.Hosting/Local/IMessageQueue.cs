namespace StudentMetrics.Hosting.Local;

/// <summary>The few queue operations the local host needs, so it can poll SQS (or the emulator) the way Lambda's event source mapping does.</summary>
public interface IMessageQueue
{
    Task<string> GetQueueArnAsync(string queueUrl, CancellationToken cancellationToken);

    Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(string queueUrl, int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    Task DeleteAsync(string queueUrl, string receiptHandle, CancellationToken cancellationToken);
}
