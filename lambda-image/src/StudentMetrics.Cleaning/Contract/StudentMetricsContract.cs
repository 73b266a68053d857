namespace StudentMetrics.Cleaning.Contract;

/// <summary>The <c>student_metrics</c> feed, version 1 (docs: the feed contract page), written down as data.</summary>
public static class StudentMetricsContract
{
    private static readonly string[] Terms = ["S1", "S2", "T1", "T2", "T3", "Q1", "Q2", "Q3", "Q4", "FY"];

    public static FeedContract Version1 { get; } = new()
    {
        Dataset = "student_metrics",
        Version = 1,
        NullTokens = ["", "NA", "N/A", "#N/A", "null", "none", "-", "--"],
        KeyColumns = ["student_id", "term"],
        RecencyColumn = "recorded_on",
        SourcePermissionColumn = "school_id",
        MaxFieldLength = 1000,
        MaxColumns = 200,
        Columns =
        [
            new() { Name = "student_id", Aliases = ["id", "student number", "student_no", "sid"], Type = ColumnType.Code, Required = true, MaxLength = 20 },
            new() { Name = "school_id", Aliases = ["school", "school code", "building id"], Type = ColumnType.Code, Required = true, MaxLength = 20 },
            new()
            {
                Name = "grade_level", Aliases = ["grade", "grade lvl"], Type = ColumnType.Integer, Required = true, Min = -1, Max = 12,
                Tokens = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["PK"] = -1, ["K"] = 0, ["KG"] = 0 },
                Prefixes = ["grade"], AllowsOrdinalSuffix = true,
            },
            new() { Name = "term", Aliases = ["semester", "period"], Type = ColumnType.Term, Required = true, Periods = Terms },
            new() { Name = "math_score", Aliases = ["math"], Type = ColumnType.Decimal, Scale = 2, Min = 0, Max = 100, AllowsPercent = true },
            new() { Name = "reading_score", Aliases = ["reading", "ela_score"], Type = ColumnType.Decimal, Scale = 2, Min = 0, Max = 100, AllowsPercent = true },
            new() { Name = "science_score", Aliases = ["science"], Type = ColumnType.Decimal, Scale = 2, Min = 0, Max = 100, AllowsPercent = true },
            new() { Name = "gpa", Aliases = ["grade point average"], Type = ColumnType.Decimal, Scale = 2, Min = 0, Max = 5 },
            new() { Name = "days_enrolled", Aliases = ["enrolled days", "days_in_membership"], Type = ColumnType.Integer, Required = true, Min = 0, Max = 366 },
            new()
            {
                Name = "days_present", Aliases = ["present days", "days_attended"], Type = ColumnType.Integer, Min = 0,
                AtMost = "days_enrolled", AtMostCode = "present_exceeds_enrolled",
            },
            new() { Name = "tardies", Aliases = ["tardy", "late arrivals"], Type = ColumnType.Integer, Min = 0, Max = int.MaxValue },
            new() { Name = "behavior_incidents", Aliases = ["incidents", "discipline_incidents"], Type = ColumnType.Integer, Min = 0, Max = int.MaxValue },
            new()
            {
                Name = "recorded_on", Aliases = ["as_of", "record_date", "date"], Type = ColumnType.Date, Required = true,
                EarliestDate = new DateOnly(2000, 1, 1), LatestDaysAfterProcessing = 1,
            },
        ],
    };
}
