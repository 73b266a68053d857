using System.Globalization;
using StudentMetrics.Benchmarks;
using StudentMetrics.Benchmarks.Baselines;

// `make bench` (tests/bench/run.sh) drives this program once per measured subject, each in its own process.
const string Usage = """
    usage: StudentMetrics.Benchmarks SUBJECT ...
      generate FILE ROWS [--messy]        write the deterministic benchmark export
      cleaner|sylvan|sep|csvhelper FILE OUTDIR [RUNS]
                                          one warm-up run, then RUNS (default 5) measured runs; prints a RESULT line
      memory-probe ROWS TEXT_BYTES        clean a generated wide export; prints a PROBE line with the peak working set
    """;

if (args.Length < 1)
{
    Console.Error.WriteLine(Usage);
    return 1;
}

var runs = args.Length > 3 && args[0] != "generate" ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
switch (args[0])
{
    case "generate" when args.Length >= 3:
        MetricsFileGenerator.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Contains("--messy"));
        return 0;
    case "cleaner" when args.Length >= 3:
        return Measurement.Measure("cleaner", args[1], runs, () => CleanerSubject.Run(args[1], args[2]));
    case "sylvan" when args.Length >= 3:
        return Measurement.Measure("sylvan", args[1], runs, () => SylvanBaseline.Run(args[1], Path.Combine(args[2], "sylvan.csv")));
    case "sep" when args.Length >= 3:
        return Measurement.Measure("sep", args[1], runs, () => SepBaseline.Run(args[1], Path.Combine(args[2], "sep.csv")));
    case "csvhelper" when args.Length >= 3:
        return Measurement.Measure("csvhelper", args[1], runs, () => CsvHelperBaseline.Run(args[1]));
    case "memory-probe" when args.Length >= 3:
        return MemoryProbe.Run(long.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
    default:
        Console.Error.WriteLine(Usage);
        return 1;
}
