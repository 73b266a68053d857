using StudentMetrics.Hosting.Lambda;

namespace StudentMetrics.UnitTests.Hosting;

/// <summary>
/// A Runtime API that hands out a fixed list of invocations, records what the loop posts, then goes away (as when
/// Lambda shuts the environment down), which ends the loop.
/// </summary>
internal sealed class ScriptedRuntimeClient(params LambdaInvocation[] invocations) : ILambdaRuntimeClient
{
    private readonly Queue<LambdaInvocation> _invocations = new(invocations);

    public List<(string RequestId, string Body)> Responses { get; } = [];

    public List<(string RequestId, LambdaError Error)> Errors { get; } = [];

    public List<LambdaError> InitErrors { get; } = [];

    public int NextRequests { get; private set; }

    public Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        NextRequests++;
        return _invocations.TryDequeue(out var next)
            ? Task.FromResult(next)
            : Task.FromException<LambdaInvocation>(new HttpRequestException("Runtime API gone"));
    }

    public Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        Responses.Add((requestId, System.Text.Encoding.UTF8.GetString(response.Span)));
        return Task.CompletedTask;
    }

    public Task SendErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken)
    {
        Errors.Add((requestId, error));
        return Task.CompletedTask;
    }

    public Task SendInitErrorAsync(LambdaError error, CancellationToken cancellationToken)
    {
        InitErrors.Add(error);
        return Task.CompletedTask;
    }
}
