namespace StudentMetrics.Cleaning;

/// <summary>What the cheap first read of a file found: its header, its row count, the winner of every key, or why it cannot be cleaned.</summary>
internal sealed class KeyScan
{
    public HeaderLayout? Layout { get; init; }

    public byte Delimiter { get; init; } = (byte)',';

    public DuplicateKeyTable Winners { get; init; } = new();

    public long DataRows { get; init; }

    /// <summary>Why the file cannot be cleaned, when the header or the row count says so.</summary>
    public QuarantineReason? Problem { get; init; }

    /// <summary>Byte offset where a quote opened that the end of the file left open, or -1.</summary>
    public long UnclosedQuoteAt { get; init; } = -1;

    /// <summary>Byte offset where a record longer than <see cref="TooLargeLimit"/> starts, or -1.</summary>
    public long TooLargeRecordAt { get; init; } = -1;

    public int TooLargeLimit { get; init; }
}
