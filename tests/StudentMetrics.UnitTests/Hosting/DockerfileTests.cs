using System.Text.Json;
using StudentMetrics.Functions;

namespace StudentMetrics.UnitTests.Hosting;

/// <summary>
/// No Docker engine runs the tests, so the Dockerfile is checked by reading it: the stages and bases Lambda needs,
/// the paths it copies, and that it builds the binary with the same script as <c>make publish</c>.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string Repository = RepositoryPaths.Root;
    private static readonly string[] Instructions = ReadInstructions(Path.Combine(Repository, "Dockerfile"));

    [Fact]
    public void The_binary_is_built_on_amazon_linux_2023_and_runs_on_the_lambda_al2023_base()
    {
        var stages = Instructions.Where(i => i.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        stages.Count.ShouldBe(2);
        stages[0].ShouldBe("FROM public.ecr.aws/amazonlinux/amazonlinux:2023 AS build");
        stages[1].ShouldBe("FROM public.ecr.aws/lambda/provided:al2023");
    }

    [Fact]
    public void The_build_stage_installs_the_aot_toolchain_and_runs_the_publish_script()
    {
        var build = Stage(0);

        build.ShouldContain(i => i.StartsWith("RUN dnf install", StringComparison.Ordinal) && i.Contains(" clang ", StringComparison.Ordinal) && i.Contains("zlib-devel", StringComparison.Ordinal));
        build.ShouldContain(i => i.Contains("dotnet-install.sh", StringComparison.Ordinal) && i.Contains("DOTNET_CHANNEL", StringComparison.Ordinal));
        Instructions.ShouldContain("ARG DOTNET_CHANNEL=10.0");
        build[^1].ShouldBe("RUN lambda-image/publish.sh");
    }

    [Fact]
    public void Every_copied_source_exists_in_the_repository()
    {
        var copies = Stage(0).Where(i => i.StartsWith("COPY ", StringComparison.Ordinal)).ToList();

        copies.ShouldNotBeEmpty();
        foreach (var copy in copies)
        {
            var words = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in words[1..^1])
            {
                Path.Exists(Path.Combine(Repository, source)).ShouldBeTrue($"{source} (from: {copy})");
            }
        }
    }

    [Fact]
    public void The_runtime_stage_takes_the_published_bootstrap_and_names_a_function_the_image_serves()
    {
        var runtime = Stage(1);
        var publishScript = File.ReadAllText(Path.Combine(Repository, "lambda-image", "publish.sh"));

        runtime.ShouldContain("COPY --from=build /src/artifacts/lambda/bootstrap /var/runtime/bootstrap");
        publishScript.ShouldContain("out=artifacts/lambda");
        publishScript.ShouldContain("\"$out/bootstrap\"");
        var command = runtime.Single(i => i.StartsWith("CMD ", StringComparison.Ordinal));
        var function = JsonSerializer.Deserialize<string[]>(command["CMD ".Length..])!.ShouldHaveSingleItem();
        ProductFunctions.Catalog.Get(function).Name.ShouldBe(function);
    }

    private static List<string> Stage(int index)
    {
        var stage = -1;
        var result = new List<string>();
        foreach (var instruction in Instructions)
        {
            if (instruction.StartsWith("FROM ", StringComparison.Ordinal))
            {
                stage++;
            }
            else if (stage == index)
            {
                result.Add(instruction);
            }
        }

        return result;
    }

    /// <summary>Instructions with continuation lines joined and comments dropped.</summary>
    private static string[] ReadInstructions(string path)
    {
        var joined = new List<string>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                joined.Add(string.Join(' ', current.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
                current = "";
            }
        }

        return [.. joined];
    }
}
