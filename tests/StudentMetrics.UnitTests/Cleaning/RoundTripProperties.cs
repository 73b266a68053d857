using System.Globalization;
using System.Text;
using CsCheck;
using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>
/// Any valid row, written as CSV with any quoting, spacing, line endings, delimiter, header spelling and accepted
/// value form, cleans to the same canonical row.
/// </summary>
public sealed class RoundTripProperties
{
    private static readonly string[] Periods = ["S1", "S2", "T1", "T2", "T3", "Q1", "Q2", "Q3", "Q4", "FY"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] NullTokens = ["", "NA", "n/a", "#N/A", "null", "None", "-", "--"];
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly int LatestDay = DateOnly.FromDateTime(CleaningRun.Now.UtcDateTime).AddDays(1).DayNumber;

    /// <summary>A value, or null one time in five.</summary>
    private static Gen<int?> OrNull(Gen<int> values) => Gen.Select(values, Gen.Int[0, 4], (v, n) => n == 0 ? null : (int?)v);

    // A code starts with a letter or digit: "-" and "--" are null tokens, not ids. Nor may it spell a word that is a
    // null token ("NA", "NONE", "NULL"): such a school id is missing, by the contract.
    private static readonly Gen<string> Code = Gen.Select(Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"], Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"], 0, 15], (first, rest) => first + rest)
        .Where(code => !NullTokens.Contains(code, StringComparer.OrdinalIgnoreCase));
    private static readonly Gen<int?> Hundredths = OrNull(Gen.Int[0, 10000]);

    private static readonly Gen<ValidRow> Row = Gen.Select(
        Gen.Select(Code, Code, Gen.Int[-1, 12], Gen.Int[2000, 2098], Gen.Int[0, Periods.Length - 1]),
        Gen.Select(Hundredths, Hundredths, Hundredths, OrNull(Gen.Int[0, 500])),
        Gen.Select(Gen.Int[0, 366], Gen.Int[0, 1000], OrNull(Gen.Int[0, 400]), OrNull(Gen.Int[0, 9])),
        Gen.Int[Earliest.DayNumber, LatestDay],
        (a, b, c, day) => new ValidRow(
            a.Item1, a.Item2, a.Item3, $"{a.Item4}-{a.Item4 + 1}-{Periods[a.Item5]}",
            b.Item1, b.Item2, b.Item3, b.Item4,
            c.Item1, c.Item2 % 3 == 0 ? null : c.Item2 % (c.Item1 + 1), c.Item3, c.Item4,
            DateOnly.FromDayNumber(day)));

    [Fact]
    public void Any_valid_row_in_any_accepted_spelling_cleans_to_its_canonical_row()
    {
        Gen.Select(Row.Array[1, 6], Gen.Int[0, 2], Gen.Int)
            .Sample(
                (rows, delimiterChoice, style) =>
                {
                    var delimiter = ",;\t"[delimiterChoice];
                    var random = new Random(style);
                    var csv = Render(rows, delimiter, random);

                    var run = CleaningRun.Of(csv);

                    run.Report.Status.ShouldBe(FileStatus.Cleaned, csv);
                    run.Report.RowsRejected.ShouldBe(0, run.RejectsText + "\n---\n" + csv);
                    run.Clean.Count.ShouldBe(rows.Length + 1);
                    for (var i = 0; i < rows.Length; i++)
                    {
                        run.Clean[i + 1].ShouldBe(Canonical(rows[i], i), csv);
                    }
                },
                iter: 300);
    }

    private static string[] Canonical(ValidRow row, int index) => CleaningRun.CleanRow(
        ("student_id", $"R{index}{row.StudentId}"), ("school_id", row.SchoolId), ("grade_level", row.Grade.ToString(CultureInfo.InvariantCulture)),
        ("term", row.Term), ("math_score", Fixed(row.Math)), ("reading_score", Fixed(row.Reading)), ("science_score", Fixed(row.Science)),
        ("gpa", Fixed(row.Gpa)), ("days_enrolled", row.Enrolled.ToString(CultureInfo.InvariantCulture)), ("days_present", Plain(row.Present)),
        ("tardies", Plain(row.Tardies)), ("behavior_incidents", Plain(row.Incidents)),
        ("recorded_on", row.RecordedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("source_row", (index + 1).ToString(CultureInfo.InvariantCulture)));

    private static string Fixed(int? hundredths) => hundredths is { } h ? (h / 100m).ToString("0.00", CultureInfo.InvariantCulture) : "";

    private static string Plain(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Render(ValidRow[] rows, char delimiter, Random random)
    {
        string[] header =
        [
            Pick(random, "student_id", "Student ID", "STUDENTID", "sid"), Pick(random, "school_id", "School", "school code"),
            Pick(random, "grade_level", "Grade", "grade lvl"), Pick(random, "term", "Semester", "PERIOD"),
            Pick(random, "math_score", "Math"), Pick(random, "reading_score", "ela_score", "Reading"), Pick(random, "science_score", "Science"),
            Pick(random, "gpa", "Grade Point Average"), Pick(random, "days_enrolled", "Enrolled Days", "days_in_membership"),
            Pick(random, "days_present", "days_attended", "Present Days"), Pick(random, "tardies", "tardy", "Late Arrivals"),
            Pick(random, "behavior_incidents", "incidents"), Pick(random, "recorded_on", "as_of", "Record Date"), "notes",
        ];
        var order = Enumerable.Range(0, header.Length).OrderBy(_ => random.Next()).ToArray();
        var text = new StringBuilder();
        if (random.Next(4) == 0)
        {
            text.Append('\uFEFF');
        }

        AppendLine(text, order.Select(i => Cell(header[i], delimiter, random)), delimiter, random);
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            string[] cells =
            [
                Case($"R{r}{row.StudentId}", random), Case(row.SchoolId, random), Grade(row.Grade, random), Term(row.Term, random),
                Score(row.Math, delimiter, random, percent: true), Score(row.Reading, delimiter, random, percent: true),
                Score(row.Science, delimiter, random, percent: true), Score(row.Gpa, delimiter, random, percent: false),
                Integer(row.Enrolled, delimiter, random), Optional(row.Present, delimiter, random), Optional(row.Tardies, delimiter, random),
                Optional(row.Incidents, delimiter, random), Date(row.RecordedOn, random),
                Pick(random, "", "plain", "has \"quotes\"", "a, b; c\td", "two\nlines", "=SUM(A1)", "  padded  "),
            ];
            AppendLine(text, order.Select(i => Cell(cells[i], delimiter, random)), delimiter, random);
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IEnumerable<string> cells, char delimiter, Random random) =>
        text.Append(string.Join(delimiter, cells)).Append(random.Next(2) == 0 ? "\n" : "\r\n");

    /// <summary>Quoted when it must be, and sometimes when it need not be; padded with spaces inside or outside quotes.</summary>
    private static string Cell(string value, char delimiter, Random random)
    {
        var mustQuote = value.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0;
        var pad = value.Length > 0 && value.Trim() == value && !value.StartsWith('=') && random.Next(4) == 0 ? new string(' ', 1 + random.Next(2)) : "";
        if (mustQuote || random.Next(3) == 0)
        {
            return "\"" + pad + value.Replace("\"", "\"\"", StringComparison.Ordinal) + pad + "\"";
        }

        return pad + value + pad;
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];

    private static string Case(string code, Random random) => random.Next(2) == 0 ? code.ToLowerInvariant() : code;

    private static string Grade(int grade, Random random)
    {
        var suffix = grade switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return (grade, random.Next(5)) switch
        {
            (-1, < 2) => Pick(random, "PK", "pk"),
            (0, < 2) => Pick(random, "K", "KG", "kg"),
            (> 0, 2) => grade + suffix,
            (_, 3) => "Grade " + grade,
            (_, 4) => grade + ".0",
            _ => grade.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string Term(string canonical, Random random)
    {
        var first = canonical[..4];
        var second = canonical[5..9];
        var period = canonical[10..];
        return random.Next(5) switch
        {
            0 => $"{first}-{second[2..]} {period}",
            1 => $"{first}/{second} {period.ToLowerInvariant()}",
            2 => $"{first}-{second}_{period}",
            _ => canonical,
        };
    }

    private static string Score(int? hundredths, char delimiter, Random random, bool percent)
    {
        if (hundredths is not { } h)
        {
            return Pick(random, NullTokens);
        }

        var value = (h / 100m).ToString(random.Next(2) == 0 ? "0.00" : "0.##", CultureInfo.InvariantCulture);
        if (delimiter == ';' && random.Next(2) == 0)
        {
            value = value.Replace('.', ',');
        }

        return percent && random.Next(4) == 0 ? value + "%" : value;
    }

    private static string Integer(int value, char delimiter, Random random) => random.Next(4) switch
    {
        0 => value + (delimiter == ';' ? ",0" : ".0"),
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    private static string Optional(int? value, char delimiter, Random random) => value is { } v ? Integer(v, delimiter, random) : Pick(random, NullTokens);

    private static string Date(DateOnly date, Random random) => random.Next(5) switch
    {
        0 => date.ToString("M/d/yyyy", CultureInfo.InvariantCulture),
        1 => date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
        2 => $"{date.Day}-{Months[date.Month - 1]}-{date.Year}",
        3 => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00Z",
        _ => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    internal sealed record ValidRow(
        string StudentId, string SchoolId, int Grade, string Term, int? Math, int? Reading, int? Science, int? Gpa,
        int Enrolled, int? Present, int? Tardies, int? Incidents, DateOnly RecordedOn);
}
