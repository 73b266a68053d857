using StudentMetrics.Hosting.Events;

namespace StudentMetrics.Hosting;

/// <summary>A function that handles one created object at a time; the host turns its failures into batch item failures or invocation errors.</summary>
public interface IS3ObjectFunction
{
    /// <exception cref="Exception">Any failure: the object is reported as not handled, and will be retried.</exception>
    Task HandleAsync(S3ObjectReference s3Object, FunctionContext context);
}
