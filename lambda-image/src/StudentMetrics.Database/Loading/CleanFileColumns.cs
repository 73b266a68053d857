using Sylvan.Data.Csv;

namespace StudentMetrics.Database.Loading;

/// <summary>The columns of a cleaned file (the feed spec's "What a cleaned file holds"), in order: the staging table's first columns.</summary>
internal static class CleanFileColumns
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "student_id", "school_id", "grade_level", "term", "math_score", "reading_score", "science_score", "gpa",
        "days_enrolled", "days_present", "tardies", "behavior_incidents", "recorded_on", "source_row",
    ];

    /// <summary>A cleaned file is the product's own output, so its header is exact: anything else is the wrong file.</summary>
    public static void ThrowIfHeaderDiffers(CsvDataReader csv)
    {
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        if (!header.SequenceEqual(Names, StringComparer.Ordinal))
        {
            throw new InvalidDataException(
                $"Not a cleaned student_metrics file: the header is '{string.Join(',', header)}', expected '{string.Join(',', Names)}'.");
        }
    }
}
