namespace StudentMetrics.Aws.Sqs;

/// <summary>Operations that answer with an empty JSON object.</summary>
internal sealed class EmptyResponse;
