namespace StudentMetrics.Cleaning.Csv;

/// <summary>One record grew past the reader's limit: almost always an unclosed quote swallowing the rest of the file.</summary>
internal sealed class RecordTooLargeException(int limitBytes, long recordOffset)
    : Exception($"a record longer than {limitBytes / (1024 * 1024)} MB (an unclosed quote?)")
{
    public int LimitBytes { get; } = limitBytes;

    /// <summary>The byte offset (of the text the reader was given) where the over-long record starts.</summary>
    public long RecordOffset { get; } = recordOffset;
}
