using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Hosting;

/// <summary>What a function knows about the invocation it serves: the Lambda context, the same shape on a laptop.</summary>
public sealed class FunctionContext
{
    public required string FunctionName { get; init; }

    public required string RequestId { get; init; }

    public string? InvokedFunctionArn { get; init; }

    /// <summary>The X-Ray trace header, when Lambda passed one.</summary>
    public string? TraceId { get; init; }

    /// <summary>When Lambda stops the invocation.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>Fires a safety margin before <see cref="Deadline"/>, leaving time to report what was done.</summary>
    public CancellationToken CancellationToken { get; init; }

    public required FunctionLog Log { get; init; }

    public required EmbeddedMetrics Metrics { get; init; }
}
