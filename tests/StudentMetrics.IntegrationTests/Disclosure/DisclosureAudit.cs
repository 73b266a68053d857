namespace StudentMetrics.IntegrationTests.Disclosure;

/// <summary>What <see cref="DisclosureAuditor"/> looked at and what it found.</summary>
internal sealed class DisclosureAudit
{
    public List<string> Relations { get; } = [];

    public List<string> Findings { get; } = [];

    /// <summary>Published values taken as equations.</summary>
    public int Equations { get; set; }

    /// <summary>Hidden values of groups that have students, checked to be undetermined.</summary>
    public int HiddenValues { get; set; }

    /// <summary>Cells under the rules (too few students, or all or none of them), checked to be undetermined.</summary>
    public int SensitiveCells { get; set; }

    public override string ToString() =>
        $"{Relations.Count} relations, {Equations} published values, {HiddenValues} hidden values and {SensitiveCells} sensitive cells checked, " +
        $"{Findings.Count} findings" + string.Concat(Findings.Take(20).Select(f => "\n  " + f));
}
