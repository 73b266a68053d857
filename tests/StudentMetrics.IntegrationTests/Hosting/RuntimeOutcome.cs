namespace StudentMetrics.IntegrationTests.Hosting;

/// <summary>What the runtime posted for one invocation (or for its init): a response or an error, with the error-type header.</summary>
public sealed record RuntimeOutcome(string RequestId, bool IsError, string Body, string? ErrorTypeHeader);
