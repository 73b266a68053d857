namespace StudentMetrics.Cli.Commands;

/// <summary>The checks every command makes of the paths it is given, with messages that say what to give instead.</summary>
internal static class InputFiles
{
    /// <returns>Null when <paramref name="path"/> is a readable file; else the one-line reason.</returns>
    public static string? ProblemWithFile(string path, string what) =>
        Directory.Exists(path) ? $"{path} is a directory; give {what}, a file (for example {Path.Combine(path, "export.csv")})"
        : !File.Exists(path) ? $"no such file: {path}"
        : null;

    /// <returns>Null when <paramref name="path"/> is a directory or can become one; else the one-line reason.</returns>
    public static string? ProblemWithDirectory(string path, string option) =>
        File.Exists(path) ? $"{option} {path} is a file; {option} takes a directory (created if missing)" : null;
}
