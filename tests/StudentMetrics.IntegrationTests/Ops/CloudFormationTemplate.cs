using System.Diagnostics;
using System.Text.Json;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// One template under ops/cloudformation, read as JSON through ops/cfn-to-json.py (cfn-lint's own YAML decoder, so
/// short tags such as !Sub come back in their long form exactly as the linter sees them).
/// </summary>
public sealed class CloudFormationTemplate
{
    private CloudFormationTemplate(string name, JsonElement root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }

    public JsonElement Root { get; }

    public IEnumerable<(string LogicalId, string Type, JsonElement Properties)> Resources =>
        Root.GetProperty("Resources").EnumerateObject().Select(r => (
            r.Name,
            r.Value.GetProperty("Type").GetString()!,
            r.Value.TryGetProperty("Properties", out var p) ? p : default));

    public static CloudFormationTemplate FromJson(string name, string json) =>
        new(name, JsonDocument.Parse(json).RootElement.Clone());

    private static readonly Dictionary<string, IReadOnlyList<CloudFormationTemplate>> Loaded = [];

    /// <summary>Every template, decoded once per process (each decode starts Python and imports cfn-lint).</summary>
    public static IReadOnlyList<CloudFormationTemplate> LoadAll(string repository)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(repository, out var templates))
            {
                templates = DecodeAll(repository);
                Loaded[repository] = templates;
            }

            return templates;
        }
    }

    private static List<CloudFormationTemplate> DecodeAll(string repository)
    {
        var files = Directory.GetFiles(Path.Combine(repository, "ops", "cloudformation"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        files.ShouldNotBeEmpty();
        return files.Select(f => FromJson(Path.GetFileName(f), Decode(repository, f))).ToList();
    }

    private static string Decode(string repository, string file)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repository, "ops", "cfn-to-json.py"));
        start.ArgumentList.Add(file);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"ops/cfn-to-json.py {file}: {error.Result}");
        return output;
    }
}
