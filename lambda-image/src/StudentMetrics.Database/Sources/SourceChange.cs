namespace StudentMetrics.Database.Sources;

/// <summary>One audited change to the source registry (a row of core.source_changes).</summary>
/// <param name="ChangedBy">Who: the person or tool the change was made for, else the database role.</param>
/// <param name="Action">source_added, source_described, source_removed, school_permitted or school_withdrawn.</param>
public sealed record SourceChange(
    long ChangeId, DateTimeOffset ChangedAt, string ChangedBy, string DatabaseRole, string Action, string Prefix, string? SchoolId, string? Detail, string? Reason);
