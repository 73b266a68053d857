namespace StudentMetrics.Cli;

/// <summary>Where a command writes: results on <see cref="Out"/>, progress and errors on <see cref="Error"/>.</summary>
internal sealed record CommandOutput(TextWriter Out, TextWriter Error);
