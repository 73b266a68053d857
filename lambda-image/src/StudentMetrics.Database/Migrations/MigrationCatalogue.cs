using System.Globalization;
using System.Text.RegularExpressions;

namespace StudentMetrics.Database.Migrations;

/// <summary>
/// The scripts a build carries, checked and in the order they run: the baseline (at most one), the versioned scripts
/// above it by number, then the repeatable scripts.
/// </summary>
internal sealed partial class MigrationCatalogue
{
    private MigrationCatalogue(BaselineScript? baseline, IReadOnlyList<VersionedScript> versioned, IReadOnlyList<RepeatableScript> repeatables)
    {
        Baseline = baseline;
        Versioned = versioned;
        Repeatables = repeatables;
    }

    public BaselineScript? Baseline { get; }

    /// <summary>In number order.</summary>
    public IReadOnlyList<VersionedScript> Versioned { get; }

    /// <summary>In the order they run (<see cref="RepeatableOrder"/>).</summary>
    public IReadOnlyList<RepeatableScript> Repeatables { get; }

    /// <summary>Every script, in the order a fresh database runs them.</summary>
    public IEnumerable<MigrationScript> All =>
        new[] { Baseline?.Script }.OfType<MigrationScript>().Concat(Versioned.Select(v => v.Script)).Concat(Repeatables.Select(r => r.Script));

    /// <exception cref="InvalidOperationException">A name, a header or the numbering breaks the rules in db/README.md.</exception>
    public static MigrationCatalogue Create(IEnumerable<MigrationScript> scripts)
    {
        var baselines = new List<BaselineScript>();
        var versioned = new List<VersionedScript>();
        var repeatables = new List<RepeatableScript>();
        foreach (var script in scripts)
        {
            if (VersionedName().Match(script.Name) is { Success: true } v)
            {
                versioned.Add(new VersionedScript(script, Number(v)));
            }
            else if (BaselineName().Match(script.Name) is { Success: true } b)
            {
                baselines.Add(new BaselineScript(script, Number(b), Replaced(script, Number(b))));
            }
            else if (RepeatableName().Match(script.Name) is { Success: true } r)
            {
                repeatables.Add(new RepeatableScript(script, r.Groups["object"].Value, Required(script)));
            }
            else
            {
                throw new InvalidOperationException(
                    $"Migration '{script.Name}' is not named NNNN_description.sql (versioned), BNNNN_description.sql (baseline) or " +
                    "R__schema.object.sql (repeatable): four digits, lower-case words.");
            }
        }

        var clash = versioned.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException(
                $"Migrations {string.Join(" and ", clash.Select(s => s.Script.Name))} share the number {clash.Key:D4}; each number is used once.");
        }

        if (baselines.Count > 1)
        {
            throw new InvalidOperationException(
                $"Baselines {string.Join(" and ", baselines.Select(b => b.Script.Name))}: a build carries one baseline (the newest); remove the older.");
        }

        var baseline = baselines.SingleOrDefault();
        var belowBaseline = versioned.FirstOrDefault(s => s.Version <= baseline?.Version);
        if (belowBaseline is not null)
        {
            throw new InvalidOperationException(
                $"Migration {belowBaseline.Script.Name} is numbered at or below the baseline {baseline!.Script.Name}, which already holds " +
                $"everything up to {baseline.Version:D4}; number it above.");
        }

        return new MigrationCatalogue(baseline, [.. versioned.OrderBy(s => s.Version)], RepeatableOrder.Sort(repeatables));
    }

    // "-- replaces: 0004_load_functions.sql <sha256>", one line per versioned script the baseline stands for.
    private static Dictionary<string, string> Replaced(MigrationScript baseline, int version)
    {
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in ScriptHeader.Values(baseline, "replaces"))
        {
            var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || VersionedName().Match(parts[0]) is not { Success: true } name || Number(name) > version
                || !Sha256().IsMatch(parts[1]) || !replaced.TryAdd(parts[0], parts[1]))
            {
                throw new InvalidOperationException(
                    $"{baseline.Name}: '-- replaces: {value}' is not 'NNNN_description.sql SHA256' naming a distinct versioned script up to {version:D4}.");
            }
        }

        if (replaced.Count == 0)
        {
            throw new InvalidOperationException($"{baseline.Name} names no script it replaces (-- replaces: NNNN_description.sql SHA256, one per line).");
        }

        return replaced;
    }

    private static List<string> Required(MigrationScript script) =>
        [.. ScriptHeader.Values(script, "requires").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];

    private static int Number(Match match) => int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<number>\d{4})_[a-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionedName();

    [GeneratedRegex(@"^B(?<number>\d{4})_[a-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex BaselineName();

    [GeneratedRegex(@"^R__(?<object>[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex RepeatableName();

    [GeneratedRegex("^[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256();
}
