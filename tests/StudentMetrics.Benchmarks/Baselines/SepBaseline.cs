using System.Text;
using nietras.SeparatedValues;

namespace StudentMetrics.Benchmarks.Baselines;

/// <summary>(b) Sep: the same work as the Sylvan baseline, every field as a string.</summary>
internal static class SepBaseline
{
    public static long Run(string input, string output)
    {
        using var reader = Sep.Reader(o => o with { HasHeader = true, DisableColCountCheck = true }).FromFile(input);
        using var writer = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        var fields = new string[13];
        long rows = 0;
        foreach (var row in reader)
        {
            rows++;
            var n = Math.Min(fields.Length, row.ColCount);
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = i < n ? row[i].ToString().Trim() : "";
            }

            var ok = RowChecks.Check(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9], fields[10], fields[11], fields[12]);
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

        return rows;
    }
}
