namespace StudentMetrics.Hosting.Lambda;

/// <summary>
/// The Lambda Runtime API (2018-06-01), the only way a custom runtime talks to Lambda. Kept behind this interface so
/// the official Amazon.Lambda.RuntimeSupport client can take its place.
/// </summary>
public interface ILambdaRuntimeClient
{
    /// <summary><c>GET /runtime/invocation/next</c>: blocks until Lambda has an event.</summary>
    Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken);

    /// <summary><c>POST /runtime/invocation/{requestId}/response</c>.</summary>
    Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken);

    /// <summary><c>POST /runtime/invocation/{requestId}/error</c>.</summary>
    Task SendErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken);

    /// <summary><c>POST /runtime/init/error</c>: the function could not start; Lambda then stops this environment.</summary>
    Task SendInitErrorAsync(LambdaError error, CancellationToken cancellationToken);
}
