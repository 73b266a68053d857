using System.Text;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>One cleaning run on in-memory input, with its outputs parsed back into rows of named cells.</summary>
internal sealed class CleaningRun
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A header of the spec's thirteen columns: what schools send (a later contract may add optional columns).</summary>
    public const string Header = "student_id,school_id,grade_level,term,math_score,reading_score,science_score,gpa,days_enrolled,days_present,tardies,behavior_incidents,recorded_on";

    private CleaningRun(CleaningReport report, string clean, string rejects)
    {
        Report = report;
        CleanText = clean;
        RejectsText = rejects;
        Clean = CsvText.Parse(clean);
        Rejects = CsvText.Parse(rejects);
    }

    public CleaningReport Report { get; }

    public string CleanText { get; }

    public string RejectsText { get; }

    /// <summary>Rows of the cleaned output, header first.</summary>
    public IReadOnlyList<string[]> Clean { get; }

    public IReadOnlyList<string[]> Rejects { get; }

    public static CleaningRun Of(string csv, CleanerOptions? options = null) => Of(new UTF8Encoding(false).GetBytes(csv), options);

    public static CleaningRun Of(byte[] content, CleanerOptions? options = null)
    {
        var input = new InMemoryRawFile(content);
        using var clean = new MemoryStream();
        using var rejects = new MemoryStream();
        var report = new FeedCleaner(options ?? new CleanerOptions { Clock = new FixedClock(Now) }).Clean(input, clean, rejects);
        return new CleaningRun(report, Encoding.UTF8.GetString(clean.ToArray()), Encoding.UTF8.GetString(rejects.ToArray()));
    }

    /// <summary>A valid row of the canonical header, with some cells replaced (by column name).</summary>
    public static string Row(params (string Column, string Value)[] overrides)
    {
        var cells = new Dictionary<string, string>
        {
            ["student_id"] = "S001", ["school_id"] = "SCH-1", ["grade_level"] = "9", ["term"] = "2024-2025-S1",
            ["math_score"] = "85.50", ["reading_score"] = "90.00", ["science_score"] = "77.25", ["gpa"] = "3.40",
            ["days_enrolled"] = "180", ["days_present"] = "175", ["tardies"] = "2", ["behavior_incidents"] = "0",
            ["recorded_on"] = "2025-03-15",
        };
        foreach (var (column, value) in overrides)
        {
            cells[column] = value;
        }

        return string.Join(',', Header.Split(',').Select(c => cells[c]));
    }

    /// <summary>The cleaned file's header: the contract's columns in its order, then the source row.</summary>
    public static string[] CleanHeader => [.. FeedContracts.Default.Columns.Select(c => c.Name), FeedContracts.Default.SourceRowColumn];

    /// <summary>A cleaned row as the contract lays it out: these cells, every other column empty.</summary>
    public static string[] CleanRow(params (string Column, string Value)[] cells)
    {
        var header = CleanHeader;
        var row = new string[header.Length];
        Array.Fill(row, "");
        foreach (var (column, value) in cells)
        {
            var at = Array.IndexOf(header, column);
            at.ShouldBeGreaterThanOrEqualTo(0, $"the contract has no column {column}");
            row[at] = value;
        }

        return row;
    }

    /// <summary>The cleaned value of a column in the first cleaned row.</summary>
    public string CleanValue(string column) => Clean[1][Array.IndexOf(Clean[0], column)];

    /// <summary>The reasons of the first rejected row.</summary>
    public string FirstReasons => Rejects[1][Array.IndexOf(Rejects[0], "reasons")];
}
