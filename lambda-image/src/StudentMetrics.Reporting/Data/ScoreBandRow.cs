namespace StudentMetrics.Reporting.Data;

/// <summary>A row of <c>reporting.score_bands</c>. Measures are null when the group is suppressed.</summary>
public sealed record ScoreBandRow(
    string Scope, string Subject, string SchoolId, string Term, int BandOrder, string Band,
    bool Suppressed, string? SuppressionReason, long? GroupStudentCount, long? StudentCount, decimal? Share);
