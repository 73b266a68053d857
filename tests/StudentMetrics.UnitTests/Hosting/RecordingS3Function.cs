using StudentMetrics.Hosting;
using StudentMetrics.Hosting.Events;

namespace StudentMetrics.UnitTests.Hosting;

/// <summary>A function that records the objects it is given and fails on the keys it is told to.</summary>
internal sealed class RecordingS3Function(params string[] failingKeys) : IS3ObjectFunction
{
    public List<S3ObjectReference> Handled { get; } = [];

    public Action? OnHandle { get; init; }

    public Task HandleAsync(S3ObjectReference s3Object, FunctionContext context)
    {
        if (failingKeys.Contains(s3Object.Key))
        {
            throw new FileNotFoundException($"no such object: {s3Object.Key}");
        }

        Handled.Add(s3Object);
        OnHandle?.Invoke();
        return Task.CompletedTask;
    }
}
