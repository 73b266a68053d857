using System.Reflection;
using StudentMetrics.Functions;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Hosting;
using StudentMetrics.Hosting.Lambda;
using StudentMetrics.UnitTests.Hosting;

namespace StudentMetrics.UnitTests.Functions;

public sealed class FunctionCatalogTests
{
    [Fact]
    public void Every_declared_function_is_registered_under_its_declared_name_and_nothing_else_is()
    {
        // Reflection here, in the test, so the image never needs it: the hand-written catalog must match the declarations.
        var declared = typeof(CleanFunction).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<FunctionAttribute>()?.Name)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

        declared.ShouldContain("clean");
        ProductFunctions.Catalog.All.Select(f => f.Name).Order(StringComparer.Ordinal).ShouldBe(declared);
    }

    [Fact]
    public void Each_s3_triggered_function_is_registered_with_its_declared_prefix()
    {
        foreach (var type in typeof(CleanFunction).Assembly.GetTypes())
        {
            if (type.GetCustomAttribute<S3ObjectCreatedTriggerAttribute>() is { } trigger)
            {
                var name = type.GetCustomAttribute<FunctionAttribute>()!.Name;
                ProductFunctions.Catalog.Get(name).Trigger.ShouldContain($"'{trigger.Prefix}'");
                typeof(IS3ObjectFunction).IsAssignableFrom(type).ShouldBeTrue();
            }
        }
    }

    [Fact]
    public void Each_directly_invoked_function_is_registered_as_such()
    {
        var direct = typeof(CleanFunction).Assembly.GetTypes().Where(t => t.GetCustomAttribute<DirectInvocationTriggerAttribute>() is not null).ToList();

        direct.Select(t => t.GetCustomAttribute<FunctionAttribute>()!.Name).ShouldContain("migrate");
        foreach (var type in direct)
        {
            ProductFunctions.Catalog.Get(type.GetCustomAttribute<FunctionAttribute>()!.Name).Trigger.ShouldBe("direct invocation");
        }
    }

    [Fact]
    public void Two_functions_may_not_share_a_name()
    {
        var one = FunctionRegistration.ForS3Objects("clean", "raw/", () => new RecordingS3Function());

        Should.Throw<ArgumentException>(() => new FunctionCatalog([one, one]));
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_names_that_exist()
    {
        var error = Should.Throw<UnknownFunctionException>(() => ProductFunctions.Catalog.Get("cleaner"));

        error.Message.ShouldContain("'cleaner'");
        error.Message.ShouldContain("clean");
    }

    [Theory]
    [InlineData("migrate", "clean", "load", "migrate")]
    [InlineData(null, "clean", "migrate", "clean")]
    [InlineData(null, null, "migrate", "migrate")]
    [InlineData(" ", "", null, null)]
    public void The_function_is_the_argument_then_the_variable_then_the_image_command(string? argument, string? variable, string? handler, string? expected)
    {
        var environment = new Dictionary<string, string?> { ["STUDENT_METRICS_FUNCTION"] = variable, ["_HANDLER"] = handler };

        FunctionSelection.Resolve(argument, name => environment.GetValueOrDefault(name)).ShouldBe(expected);
    }
}
