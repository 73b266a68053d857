using Sylvan.Data.Csv;
using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Database.Loading;

/// <summary>
/// A cleaned file's columns as its feed contract gives them (the contract's columns, then <c>source_row</c>), how
/// each is stored, and where each sits in one file's header. A file cleaned under an earlier minor version of the
/// contract lacks the optional columns added since: they are left out of the COPY, so they load as NULL.
/// </summary>
internal sealed class CleanFileLayout
{
    private CleanFileLayout(FeedContract contract, IReadOnlyList<(string Name, ColumnStorage Storage, int Field)> columns)
    {
        Contract = contract;
        Columns = columns;
    }

    public FeedContract Contract { get; }

    /// <summary>The columns the file holds, in the file's order, each with its storage and field number.</summary>
    public IReadOnlyList<(string Name, ColumnStorage Storage, int Field)> Columns { get; }

    public string StagingTable => Contract.Table + "_staging";

    /// <summary>Every column a cleaned file of the contract's current version holds, in order.</summary>
    public static IReadOnlyList<(string Name, ColumnStorage Storage)> Expected(FeedContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return
        [
            .. contract.Columns.Select(c => (c.Name, ColumnStorage.Parse(c.Storage))),
            (contract.SourceRowColumn, new ColumnStorage(StorageKind.Integer)),
        ];
    }

    /// <summary>Matches a cleaned file's header with the contract.</summary>
    /// <exception cref="InvalidDataException">The header is not one the cleaner writes for this feed: the wrong file.</exception>
    public static CleanFileLayout Read(FeedContract contract, CsvDataReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var expected = Expected(contract);
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        var columns = new List<(string, ColumnStorage, int)>();
        var next = 0;
        for (var field = 0; field < header.Count; field++)
        {
            // In the contract's order; a column may be missing only if optional (a file of an earlier minor version).
            var at = expected.Select(e => e.Name).ToList().IndexOf(header[field]);
            var skipped = at < 0 ? [] : expected.Skip(next).Take(at - next).Select(e => e.Name).ToList();
            if (at < next || skipped.Any(name => contract.Columns.FirstOrDefault(c => c.Name == name)?.Required != false))
            {
                throw new InvalidDataException(
                    $"Not a cleaned {contract.Dataset} file: the header is '{string.Join(',', header)}', expected '{string.Join(',', expected.Select(e => e.Name))}' (optional columns may be missing).");
            }

            columns.Add((header[field], expected[at].Storage, field));
            next = at + 1;
        }

        if (columns.Count == 0 || columns[^1].Item1 != contract.SourceRowColumn)
        {
            throw new InvalidDataException($"Not a cleaned {contract.Dataset} file: its last column is not {contract.SourceRowColumn}.");
        }

        return new CleanFileLayout(contract, columns);
    }
}
