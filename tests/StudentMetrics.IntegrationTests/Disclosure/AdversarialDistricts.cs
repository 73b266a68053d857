using StudentMetrics.IntegrationTests.Dashboards;

namespace StudentMetrics.IntegrationTests.Disclosure;

/// <summary>Synthetic districts built to make disclosure control fail, one weakness each.</summary>
internal static class AdversarialDistricts
{
    public const string Term = "2024-2025-S1";
    public const string LaterTerm = "2024-2025-S2";

    public static TheoryData<string> Names => new(All.Keys);

    public static IReadOnlyDictionary<string, Func<IEnumerable<StudentRow>>> All { get; } = new Dictionary<string, Func<IEnumerable<StudentRow>>>
    {
        // A small school teaching grades that two large elementary schools teach too; grade spans are public.
        ["small school sharing grades"] = () => GradeSpanDistrict(Term, smallSchool: "TINY", smallGrades: [3, 4, 5], perGrade: 3),
        // Schools of exactly 10 and 11 students beside one of 9.
        ["schools just over the threshold"] = () => GradeSpanDistrict(Term, smallSchool: "NINE", smallGrades: [0, 1, 2], perGrade: 3)
            .Concat(StudentRow.Grades("TEN", Term, [0, 1], perGrade: 5, seed: 31))
            .Concat(StudentRow.Grades("ELEVEN", Term, [3], perGrade: 11, seed: 32)),
        // A large school with 8 science scores and 9 students with attendance reported.
        ["large school with one measure under the threshold"] = () => GradeSpanDistrict(Term, null, [], 0)
            .Select(r => r.SchoolId == "ELEM-B"
                ? r with
                {
                    ScienceScore = int.Parse(r.StudentId[^4..], System.Globalization.CultureInfo.InvariantCulture) <= 8 ? r.ScienceScore : null,
                    DaysPresent = int.Parse(r.StudentId[^4..], System.Globalization.CultureInfo.InvariantCulture) <= 9 ? r.DaysPresent : null,
                }
                : r),
        // Every student of a 12-student school below 60 in math; a 30-student school all above 90 in reading.
        ["a whole group in one band"] = () => GradeSpanDistrict(Term, null, [], 0)
            .Concat(StudentRow.Grades("LOW", Term, [6, 7], perGrade: 6, seed: 41, (r, _) => r with { MathScore = 45 }))
            .Concat(StudentRow.Grades("TOPS", Term, [9, 10, 11], perGrade: 10, seed: 42, (r, _) => r with { ReadingScore = 95 })),
        // One student with many incidents and two chronically absent, in the whole district.
        ["a district-wide indicator of 1 or 2 students"] = () => GradeSpanDistrict(Term, null, [], 0)
            .Select(r => r.StudentId switch
            {
                "ELEM-A-0007" => r with { BehaviorIncidents = 4 },
                "HIGH-0011" or "MIDDLE-0020" => r with { DaysPresent = (short)(r.DaysEnrolled - 20) },
                _ => r,
            }),
        // Two terms, the small school in the first only and another in the second.
        ["two terms"] = () => GradeSpanDistrict(Term, smallSchool: "TINY", smallGrades: [4, 5], perGrade: 4)
            .Concat(GradeSpanDistrict(LaterTerm, smallSchool: "SOLO", smallGrades: [10], perGrade: 7)),
    };

    /// <summary>
    /// Two large elementary schools (K-5), a middle school (6-8), a high school (9-12) and a middle-high school
    /// (6-12), and optionally a small school teaching <paramref name="smallGrades"/>.
    /// </summary>
    public static IEnumerable<StudentRow> GradeSpanDistrict(string term, string? smallSchool, int[] smallGrades, int perGrade)
    {
        var seed = term == Term ? 1 : 100;
        var rows = StudentRow.Grades("ELEM-A", term, Enumerable.Range(0, 6), perGrade: 25, seed: seed)
            .Concat(StudentRow.Grades("ELEM-B", term, Enumerable.Range(0, 6), perGrade: 20, seed: seed + 1))
            .Concat(StudentRow.Grades("MIDDLE", term, Enumerable.Range(6, 3), perGrade: 30, seed: seed + 2))
            .Concat(StudentRow.Grades("HIGH", term, Enumerable.Range(9, 4), perGrade: 40, seed: seed + 3))
            .Concat(StudentRow.Grades("ACADEMY", term, Enumerable.Range(6, 7), perGrade: 15, seed: seed + 4));
        return smallSchool is null ? rows : rows.Concat(StudentRow.Grades(smallSchool, term, smallGrades, perGrade, seed: seed + 5));
    }
}
