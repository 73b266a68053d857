using System.Diagnostics;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Hosting;

/// <summary>
/// The native-AOT <c>artifacts/lambda/bootstrap</c>, published by lambda-image/publish.sh when it is missing or older
/// than the sources, once per test run.
/// </summary>
public static class BootstrapBinary
{
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Published.Value;

    private static string Publish()
    {
        var repository = LocalStack.FindRepository();
        var binary = System.IO.Path.Combine(repository, "artifacts", "lambda", "bootstrap");
        var newestSource = new[] { "lambda-image/src", "db/migrations" }
            .SelectMany(dir => Directory.EnumerateFiles(System.IO.Path.Combine(repository, dir), "*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Append(System.IO.Path.Combine(repository, "Directory.Packages.props"))
            .Max(File.GetLastWriteTimeUtc);
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= newestSource)
        {
            return binary;
        }

        var start = new ProcessStartInfo(System.IO.Path.Combine(repository, "lambda-image", "publish.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"lambda-image/publish.sh failed:\n{output}\n{error.Result}");
        }

        return binary;
    }
}
