namespace StudentMetrics.Hosting.Local;

/// <summary>A message as the queue returned it, with its system attributes (<c>ApproximateReceiveCount</c>, <c>SentTimestamp</c>...).</summary>
public sealed record QueuedMessage(string MessageId, string ReceiptHandle, string Body, string? Md5OfBody, IReadOnlyDictionary<string, string> Attributes);
