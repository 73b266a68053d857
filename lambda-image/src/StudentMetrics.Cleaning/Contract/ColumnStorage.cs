using System.Globalization;
using System.Text.RegularExpressions;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>
/// A column's storage type, parsed from its contract (<c>smallint</c>, <c>numeric(5,2)</c>...): what the loader encodes,
/// what the database check expects <c>format_type</c> to say, and the values the type can hold.
/// </summary>
public sealed partial record ColumnStorage(StorageKind Kind, int Precision = 0, int Scale = 0)
{
    /// <exception cref="FormatException">Not one of the storage types a contract may name.</exception>
    public static ColumnStorage Parse(string storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var numeric = NumericPattern().Match(storage);
        return storage switch
        {
            "text" => new(StorageKind.Text),
            "smallint" => new(StorageKind.SmallInt),
            "integer" => new(StorageKind.Integer),
            "bigint" => new(StorageKind.BigInt),
            "date" => new(StorageKind.Date),
            _ when numeric.Success => new(
                StorageKind.Numeric,
                int.Parse(numeric.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(numeric.Groups[2].Value, CultureInfo.InvariantCulture)),
            _ => throw new FormatException($"'{storage}' is not a storage type a contract may use (text, smallint, integer, bigint, numeric(P,S), date)"),
        };
    }

    /// <summary>As PostgreSQL's <c>format_type</c> writes it.</summary>
    public string SqlType => Kind switch
    {
        StorageKind.Text => "text",
        StorageKind.SmallInt => "smallint",
        StorageKind.Integer => "integer",
        StorageKind.BigInt => "bigint",
        StorageKind.Numeric => string.Create(CultureInfo.InvariantCulture, $"numeric({Precision},{Scale})"),
        _ => "date",
    };

    /// <summary>The smallest and largest number the type holds (integers; numerics in whole units); null for the others.</summary>
    public (decimal Min, decimal Max)? NumberRange => Kind switch
    {
        StorageKind.SmallInt => (short.MinValue, short.MaxValue),
        StorageKind.Integer => (int.MinValue, int.MaxValue),
        StorageKind.BigInt => (long.MinValue, long.MaxValue),
        StorageKind.Numeric => (-Limit(), Limit()),
        _ => null,
    };

    private decimal Limit()
    {
        decimal limit = 1;
        for (var i = 0; i < Precision - Scale; i++)
        {
            limit *= 10;
        }

        decimal step = 1;
        for (var i = 0; i < Scale; i++)
        {
            step /= 10;
        }

        return limit - step;
    }

    [GeneratedRegex(@"^numeric\((\d{1,2}),(\d{1,2})\)$", RegexOptions.CultureInvariant)]
    private static partial Regex NumericPattern();
}
