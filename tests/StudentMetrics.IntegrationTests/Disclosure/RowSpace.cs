using System.Numerics;

namespace StudentMetrics.IntegrationTests.Disclosure;

/// <summary>
/// The span of published equations over the rationals, exactly: integer rows kept in echelon form by fraction-free
/// elimination (scaling a row by a non-zero integer never changes the span), each row divided by the gcd of its
/// entries. A vector is determined by the equations exactly when it reduces to zero.
/// </summary>
internal sealed class RowSpace
{
    private readonly List<(int Pivot, SortedDictionary<int, BigInteger> Row)> _rows = [];

    public int Rank => _rows.Count;

    /// <summary>Adds an equation's coefficients (unknown index to coefficient).</summary>
    public void Add(IReadOnlyDictionary<int, BigInteger> coefficients)
    {
        var row = Reduce(coefficients);
        if (row.Count > 0)
        {
            _rows.Add((row.Keys.First(), row));
        }
    }

    /// <summary>Whether the equations fix the value of this linear combination of the unknowns.</summary>
    public bool Determines(IReadOnlyDictionary<int, BigInteger> combination) => Reduce(combination).Count == 0;

    private SortedDictionary<int, BigInteger> Reduce(IReadOnlyDictionary<int, BigInteger> vector)
    {
        var row = new SortedDictionary<int, BigInteger>(vector.Where(e => !e.Value.IsZero).ToDictionary(e => e.Key, e => e.Value));
        // Rows were added in order, each reduced by the ones before it, so reducing by them in that order clears
        // every earlier pivot for good.
        foreach (var (pivot, basis) in _rows)
        {
            if (!row.TryGetValue(pivot, out var factor))
            {
                continue;
            }

            var scale = basis[pivot];
            foreach (var key in row.Keys.ToList())
            {
                row[key] *= scale;
            }

            foreach (var (key, value) in basis)
            {
                var next = (row.TryGetValue(key, out var current) ? current : BigInteger.Zero) - (factor * value);
                if (next.IsZero)
                {
                    row.Remove(key);
                }
                else
                {
                    row[key] = next;
                }
            }

            var gcd = row.Values.Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
            if (gcd > BigInteger.One)
            {
                foreach (var key in row.Keys.ToList())
                {
                    row[key] /= gcd;
                }
            }
        }

        return row;
    }
}
