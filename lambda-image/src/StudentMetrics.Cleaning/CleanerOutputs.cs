namespace StudentMetrics.Cleaning;

/// <summary>
/// Where one cleaning run writes: the cleaned rows and the rejected rows. Opened by the caller when the cleaner has
/// read the file once and knows its identity (<see cref="ReportSource"/>), so an output can carry its lineage from
/// its first byte. The caller owns both streams.
/// </summary>
public sealed record CleanerOutputs(Stream Clean, Stream Rejects);
