using System.Text;
using Sylvan.Data.Csv;

namespace StudentMetrics.Benchmarks.Baselines;

/// <summary>(a) Sylvan: every field read as a string, trimmed, parsed with the BCL, range-checked, and every row written back out.</summary>
internal static class SylvanBaseline
{
    public static long Run(string input, string output)
    {
        using var csv = CsvDataReader.Create(input, new CsvDataReaderOptions { HasHeaders = true });
        using var writer = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var fields = new string[csv.FieldCount];
        long rows = 0, good = 0;
        while (csv.Read())
        {
            rows++;
            var n = Math.Min(fields.Length, csv.RowFieldCount);
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = i < n ? csv.GetString(i).Trim() : "";
            }

            var ok = RowChecks.Check(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9], fields[10], fields[11], fields[12]);
            good += ok ? 1 : 0;
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                writer.Write(fields[i]);
            }

            writer.Write(ok ? ",1\n" : ",0\n");
        }

        return rows + (good * 0);
    }
}
