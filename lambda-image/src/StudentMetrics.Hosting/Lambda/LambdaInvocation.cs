namespace StudentMetrics.Hosting.Lambda;

/// <summary>One invocation handed out by <c>GET /runtime/invocation/next</c>: the event and the headers that describe it.</summary>
public sealed class LambdaInvocation
{
    /// <summary><c>Lambda-Runtime-Aws-Request-Id</c>.</summary>
    public required string RequestId { get; init; }

    /// <summary><c>Lambda-Runtime-Deadline-Ms</c>, epoch milliseconds.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary><c>Lambda-Runtime-Invoked-Function-Arn</c>.</summary>
    public string? InvokedFunctionArn { get; init; }

    /// <summary><c>Lambda-Runtime-Trace-Id</c>.</summary>
    public string? TraceId { get; init; }

    /// <summary><c>Lambda-Runtime-Client-Context</c>, for invocations from the mobile SDKs.</summary>
    public string? ClientContext { get; init; }

    /// <summary><c>Lambda-Runtime-Cognito-Identity</c>, for invocations from the mobile SDKs.</summary>
    public string? CognitoIdentity { get; init; }

    public required ReadOnlyMemory<byte> Payload { get; init; }
}
