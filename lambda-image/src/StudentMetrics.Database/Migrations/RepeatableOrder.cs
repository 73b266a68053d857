namespace StudentMetrics.Database.Migrations;

/// <summary>
/// The order repeatable scripts run in: by object name, except that a script runs after every script its
/// <c>-- requires:</c> header names (a view after the views it reads).
/// </summary>
internal static class RepeatableOrder
{
    /// <exception cref="InvalidOperationException">A script requires an object no repeatable defines, or requirements form a cycle.</exception>
    public static IReadOnlyList<RepeatableScript> Sort(IReadOnlyList<RepeatableScript> scripts)
    {
        var byObject = scripts.ToDictionary(s => s.ObjectName, StringComparer.Ordinal);
        foreach (var script in scripts)
        {
            var unknown = script.Requires.FirstOrDefault(r => !byObject.ContainsKey(r) || r == script.ObjectName);
            if (unknown is not null)
            {
                throw new InvalidOperationException(
                    $"{script.Script.Name} requires '{unknown}', which no other repeatable script defines (R__{unknown}.sql); -- requires: names other R__ scripts' objects, comma-separated.");
            }
        }

        var waitingFor = scripts.ToDictionary(s => s.ObjectName, s => s.Requires.Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var ready = new SortedSet<string>(scripts.Where(s => waitingFor[s.ObjectName] == 0).Select(s => s.ObjectName), StringComparer.Ordinal);
        var ordered = new List<RepeatableScript>(scripts.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            ordered.Add(byObject[next]);
            foreach (var dependent in scripts.Where(s => s.Requires.Contains(next, StringComparer.Ordinal)))
            {
                if (--waitingFor[dependent.ObjectName] == 0)
                {
                    ready.Add(dependent.ObjectName);
                }
            }
        }

        if (ordered.Count < scripts.Count)
        {
            var cycle = scripts.Where(s => !ordered.Contains(s)).Select(s => s.Script.Name).Order(StringComparer.Ordinal);
            throw new InvalidOperationException($"The -- requires: headers of {string.Join(", ", cycle)} form a cycle; no order can satisfy them.");
        }

        return ordered;
    }
}
