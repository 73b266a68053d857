namespace StudentMetrics.Hosting.Lambda;

/// <summary>
/// Which function one image runs: the command-line argument, else <c>STUDENT_METRICS_FUNCTION</c> (set by the
/// CloudFormation template), else <c>_HANDLER</c> (Lambda sets it from the image's CMD).
/// </summary>
public static class FunctionSelection
{
    public const string FunctionVariable = "STUDENT_METRICS_FUNCTION";
    public const string HandlerVariable = "_HANDLER";

    public static string? Resolve(string? argument, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var candidate in new[] { argument, environment(FunctionVariable), environment(HandlerVariable) })
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                return candidate.Trim();
            }
        }

        return null;
    }
}
