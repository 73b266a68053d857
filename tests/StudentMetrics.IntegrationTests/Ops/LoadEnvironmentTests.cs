using System.Diagnostics;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>ops/load-environment.sh: how the workflows read ops/environments/*.env.</summary>
[Collection(StackCollection.Name)]
public sealed class LoadEnvironmentTests(LocalStack stack) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("load-environment-").FullName;

    [Fact]
    public void The_committed_production_file_parses_and_reports_itself_not_set_up()
    {
        var (exit, env, outputs, _) = Load(File.ReadAllText(Path.Combine(stack.Repository, "ops", "environments", "production.env")));

        exit.ShouldBe(0);
        outputs.ShouldContain("configured=false");
        env.ShouldContain("NAME_PREFIX=student-metrics");
        env.ShouldContain("IMAGE_PLATFORM=linux/amd64");
    }

    [Fact]
    public void A_complete_file_exports_its_settings_and_names_the_roles()
    {
        var (exit, env, outputs, _) = Load("""
            # comment
            AWS_REGION=eu-west-1
            AWS_DEPLOY_ROLE_ARN=arn:aws:iam::111122223333:role/student-metrics-github-deploy
            AWS_PREVIEW_ROLE_ARN=arn:aws:iam::111122223333:role/student-metrics-github-preview
            DATABASE_HOST=db.internal
            VPC_ID=vpc-1
            PRIVATE_SUBNET_IDS=subnet-1,subnet-2
            GLUE_SUBNET_AZ=eu-west-1a
            ON_CALL_EMAIL=oncall@district.example
            ARCHITECTURE=x86_64
            """);

        exit.ShouldBe(0);
        outputs.ShouldContain("configured=true");
        outputs.ShouldContain("region=eu-west-1");
        outputs.ShouldContain("deploy-role-arn=arn:aws:iam::111122223333:role/student-metrics-github-deploy");
        env.ShouldContain("PRIVATE_SUBNET_IDS=subnet-1,subnet-2");
        env.ShouldContain("IMAGE_PLATFORM=linux/amd64");
    }

    [Theory]
    [InlineData("AWS_SECRET_ACCESS_KEY=abc", "unknown key AWS_SECRET_ACCESS_KEY")]
    [InlineData("DATABASE_HOST=$(touch /tmp/pwned)", "expected KEY=VALUE")]
    [InlineData("ON_CALL_EMAIL = a@b.c", "expected KEY=VALUE")]
    [InlineData("ARCHITECTURE=arm64", "built for x86_64 only")]
    public void Unknown_keys_and_anything_that_is_not_a_plain_value_are_refused(string line, string message)
    {
        var (exit, _, _, error) = Load(line);

        exit.ShouldNotBe(0);
        error.ShouldContain(message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Exit, string[] Env, string[] Outputs, string Error) Load(string content)
    {
        var file = Path.Combine(_dir, "test.env");
        File.WriteAllText(file, content.Replace("\r", "", StringComparison.Ordinal) + "\n");
        var envFile = Path.Combine(_dir, "github_env");
        var outputFile = Path.Combine(_dir, "github_output");
        File.WriteAllText(envFile, "");
        File.WriteAllText(outputFile, "");
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = stack.Repository };
        start.ArgumentList.Add("ops/load-environment.sh");
        start.ArgumentList.Add(file);
        start.Environment["GITHUB_ENV"] = envFile;
        start.Environment["GITHUB_OUTPUT"] = outputFile;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, File.ReadAllLines(envFile), File.ReadAllLines(outputFile), error.Result);
    }
}
