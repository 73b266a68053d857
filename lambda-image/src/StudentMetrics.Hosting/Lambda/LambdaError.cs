using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Lambda;

/// <summary>The error body Lambda expects on <c>/invocation/{id}/error</c> and <c>/init/error</c>.</summary>
public sealed class LambdaError
{
    [JsonPropertyName("errorMessage")]
    public required string ErrorMessage { get; init; }

    [JsonPropertyName("errorType")]
    public required string ErrorType { get; init; }

    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];

    public static LambdaError From(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var stack = error.StackTrace?
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? [];
        return new LambdaError { ErrorMessage = error.Message, ErrorType = error.GetType().Name, StackTrace = stack };
    }
}
