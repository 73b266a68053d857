using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Cleaning;

/// <summary>Where each contract column sits in a file's header, or why the header makes the file unusable.</summary>
internal sealed class HeaderLayout
{
    private HeaderLayout(IReadOnlyList<string> rawNames, int[] fieldOfColumn, IReadOnlyList<string> unknown, bool trailingEmptyIgnored, QuarantineReason? problem)
    {
        RawNames = rawNames;
        FieldOfColumn = fieldOfColumn;
        UnknownColumns = unknown;
        TrailingEmptyIgnored = trailingEmptyIgnored;
        Problem = problem;
    }

    /// <summary>The header cells as they came, less an ignored trailing empty cell.</summary>
    public IReadOnlyList<string> RawNames { get; }

    /// <summary>For each contract column, the field index holding it, or -1 if the file lacks it.</summary>
    public int[] FieldOfColumn { get; }

    public IReadOnlyList<string> UnknownColumns { get; }

    /// <summary>The header ended in a delimiter; rows may carry one more, empty, cell.</summary>
    public bool TrailingEmptyIgnored { get; }

    /// <summary>The quarantine reason the header alone gives, or null.</summary>
    public QuarantineReason? Problem { get; }

    public static HeaderLayout Match(FeedContract contract, IReadOnlyList<string> cells)
    {
        var names = cells.ToList();
        var trailing = names.Count > 1 && string.IsNullOrWhiteSpace(names[^1]);
        if (trailing)
        {
            names.RemoveAt(names.Count - 1);
        }

        var lookup = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < contract.Columns.Count; c++)
        {
            foreach (var name in contract.Columns[c].Aliases.Prepend(contract.Columns[c].Name))
            {
                lookup[HeaderNames.Normalise(name)] = c;
            }
        }

        var fieldOfColumn = new int[contract.Columns.Count];
        Array.Fill(fieldOfColumn, -1);
        var unknown = new List<string>();
        QuarantineReason? problem = null;
        if (names.Count > contract.MaxColumns)
        {
            problem = QuarantineReasons.TooManyColumns(names.Count, contract.MaxColumns);
        }

        for (var f = 0; f < names.Count; f++)
        {
            if (!lookup.TryGetValue(HeaderNames.Normalise(names[f]), out var c))
            {
                unknown.Add(names[f]);
            }
            else if (fieldOfColumn[c] >= 0)
            {
                problem ??= QuarantineReasons.DuplicateColumn(names[fieldOfColumn[c]], names[f], contract.Columns[c].Name);
            }
            else
            {
                fieldOfColumn[c] = f;
            }
        }

        var missing = contract.Columns.Where((column, c) => column.Required && fieldOfColumn[c] < 0).Select(column => column.Name).ToList();
        if (missing.Count > 0)
        {
            problem ??= QuarantineReasons.MissingRequiredColumns(contract, missing, names);
        }

        return new HeaderLayout(names, fieldOfColumn, unknown, trailing, problem);
    }
}
