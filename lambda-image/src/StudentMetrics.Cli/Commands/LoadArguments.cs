namespace StudentMetrics.Cli.Commands;

/// <summary>The arguments of <c>load</c>: one file, <c>--key</c>, optionally <c>--sha256</c>, in any order.</summary>
internal sealed record LoadArguments(string File, string Key, string? Sha256)
{
    /// <returns>Null when the arguments do not fit the usage.</returns>
    public static LoadArguments? Parse(IReadOnlyList<string> args)
    {
        string? file = null, key = null, sha256 = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--key" when i + 1 < args.Count && key is null:
                    key = args[++i];
                    break;
                case "--sha256" when i + 1 < args.Count && sha256 is null:
                    sha256 = args[++i];
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && file is null:
                    file = value;
                    break;
                default:
                    return null;
            }
        }

        return file is null || string.IsNullOrWhiteSpace(key) ? null : new LoadArguments(file, key, sha256);
    }
}
