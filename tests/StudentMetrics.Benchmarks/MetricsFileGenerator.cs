using System.Globalization;
using System.Text;

namespace StudentMetrics.Benchmarks;

/// <summary>
/// A deterministic <c>student_metrics</c> export: 4 terms for each of rows/4 students, every value valid.
/// <c>--messy</c> makes about 5% of the rows dirty: broken values, duplicate keys, wrong field counts,
/// formulas, and valid but unusual forms (quoted and padded values, 85%, US dates, "Grade 9").
/// </summary>
internal static class MetricsFileGenerator
{
    /// <summary>The 40 schools of the generated district: its source is registered for them (the cleaner checks every row).</summary>
    public static IReadOnlyList<string> Schools { get; } = [.. Enumerable.Range(100, 40).Select(n => "SCH-" + n.ToString(CultureInfo.InvariantCulture))];

    public const string Header = "student_id,school_id,grade_level,term,math_score,reading_score,science_score,gpa,days_enrolled,days_present,tardies,behavior_incidents,recorded_on";

    private static readonly string[] Terms = ["2022-2023-S1", "2022-2023-S2", "2023-2024-S1", "2023-2024-S2"];
    private static readonly DateOnly[] TermDays = [new(2022, 10, 1), new(2023, 3, 1), new(2023, 10, 1), new(2024, 3, 1)];

    public static void Write(string path, int rows, bool messy)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine(Header);
        var random = new Random(20240315);
        var fields = new string[13];
        for (var i = 0; i < rows; i++)
        {
            Fill(fields, i, random);
            var line = string.Join(',', fields);
            if (messy && random.Next(100) < 5)
            {
                line = Dirty(fields, i, random);
            }

            writer.WriteLine(line);
        }
    }

    private static void Fill(string[] f, int i, Random random)
    {
        var student = i / 4;
        var term = i % 4;
        var grade = student % 13;
        var enrolled = 80 + random.Next(10);
        f[0] = "S" + student.ToString("D7", CultureInfo.InvariantCulture);
        f[1] = Schools[student % Schools.Count];
        f[2] = grade.ToString(CultureInfo.InvariantCulture);
        f[3] = Terms[term];
        f[4] = Score(random);
        f[5] = Score(random);
        f[6] = Score(random);
        f[7] = (random.Next(500) / 100.0).ToString("0.00", CultureInfo.InvariantCulture);
        f[8] = enrolled.ToString(CultureInfo.InvariantCulture);
        f[9] = (enrolled - random.Next(8)).ToString(CultureInfo.InvariantCulture);
        f[10] = random.Next(4).ToString(CultureInfo.InvariantCulture);
        f[11] = random.Next(3).ToString(CultureInfo.InvariantCulture);
        f[12] = TermDays[term].AddDays(random.Next(60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string Score(Random random) => (40 + (random.Next(6000) / 100.0)).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Dirty(string[] f, int i, Random random)
    {
        switch (random.Next(10))
        {
            case 0: f[4] = "105.5"; break;
            case 1: f[12] = "2023-13-45"; break;
            case 2: f[0] = ""; break;
            case 3: f[8] = "N/A"; break;
            case 4: f[9] = "400"; break;
            case 5: f[0] = "S" + ((i / 4) - 1).ToString("D7", CultureInfo.InvariantCulture); f[12] = "2022-01-01"; break;
            case 6: return string.Join(',', f) + ",extra";
            case 7: f[0] = "=HYPERLINK(\"\"x\"\")"; return string.Join(',', f.Select((v, c) => c == 0 ? "\"" + v + "\"" : v));
            case 8: return string.Join(',', f.Select(v => "\" " + v + " \""));
            default:
                f[2] = "Grade " + f[2];
                f[4] += "%";
                var date = DateOnly.ParseExact(f[12], "yyyy-MM-dd", CultureInfo.InvariantCulture);
                f[12] = date.ToString("M/d/yyyy", CultureInfo.InvariantCulture);
                f[3] = f[3][..5] + f[3][7..9] + " " + f[3][10..];
                break;
        }

        return string.Join(',', f);
    }
}
