namespace StudentMetrics.Cleaning;

/// <summary>What the cheap first read of a file found: its header, its row count, the winner of every key, or why it cannot be cleaned.</summary>
internal sealed class KeyScan
{
    public HeaderLayout? Layout { get; init; }

    public byte Delimiter { get; init; } = (byte)',';

    public DuplicateKeyTable Winners { get; init; } = new();

    public long DataRows { get; init; }

    public string? Problem { get; init; }
}
