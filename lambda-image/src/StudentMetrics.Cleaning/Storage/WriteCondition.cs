namespace StudentMetrics.Cleaning.Storage;

/// <summary>
/// What a key must hold for a write (or delete) to take effect, as S3's conditional requests say it: nothing
/// (<c>If-None-Match: *</c>), or exactly the object last seen there (<c>If-Match: ETAG</c>). A write whose condition no
/// longer holds fails with <see cref="OutputConflictException"/>: another run wrote the key since it was looked at.
/// </summary>
public readonly record struct WriteCondition
{
    private WriteCondition(bool mustBeAbsent, string? etag)
    {
        MustBeAbsent = mustBeAbsent;
        ETag = etag;
    }

    /// <summary>Write whatever the key holds.</summary>
    public static WriteCondition None => default;

    /// <summary>Only if the key holds no object.</summary>
    public static WriteCondition Absent => new(true, null);

    public bool MustBeAbsent { get; }

    /// <summary>Only if the key holds the object with this ETag.</summary>
    public string? ETag { get; }

    public bool IsNone => !MustBeAbsent && ETag is null;

    public static WriteCondition Matches(string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return new WriteCondition(false, etag);
    }

    /// <summary>The key must still hold what was observed there: that object, or nothing.</summary>
    public static WriteCondition Unchanged(ObjectState? observed) => observed is null ? Absent : Matches(observed.ETag);

    public override string ToString() => MustBeAbsent ? "absent" : ETag is null ? "any" : $"etag {ETag}";
}
