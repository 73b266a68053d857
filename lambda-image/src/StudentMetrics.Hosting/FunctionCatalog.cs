namespace StudentMetrics.Hosting;

/// <summary>Every function the image serves, fixed when it is built: registered explicitly, never discovered by reflection.</summary>
public sealed class FunctionCatalog
{
    private readonly Dictionary<string, FunctionRegistration> _byName;

    public FunctionCatalog(IEnumerable<FunctionRegistration> registrations)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        _byName = new Dictionary<string, FunctionRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!_byName.TryAdd(registration.Name, registration))
            {
                throw new ArgumentException($"Two functions are registered as '{registration.Name}'.", nameof(registrations));
            }
        }
    }

    public IReadOnlyCollection<FunctionRegistration> All => _byName.Values;

    /// <exception cref="UnknownFunctionException">No function has this name.</exception>
    public FunctionRegistration Get(string name) =>
        _byName.TryGetValue(name, out var registration)
            ? registration
            : throw new UnknownFunctionException($"No function is named '{name}'. The image serves: {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))}.");
}
