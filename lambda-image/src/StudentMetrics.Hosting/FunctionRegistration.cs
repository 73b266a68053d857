using System.Text.Json.Serialization.Metadata;

namespace StudentMetrics.Hosting;

/// <summary>One entry of the <see cref="FunctionCatalog"/>: a name, its trigger, and how to build the function when it is selected.</summary>
public sealed class FunctionRegistration
{
    private readonly Func<IFunctionInvoker> _createInvoker;

    private FunctionRegistration(string name, string trigger, Func<IFunctionInvoker> createInvoker)
    {
        Name = name;
        Trigger = trigger;
        _createInvoker = createInvoker;
    }

    public string Name { get; }

    /// <summary>A description of the trigger, as <c>--help</c> and the start-up log show it.</summary>
    public string Trigger { get; }

    /// <summary>Builds the function: clients, configuration. Runs once, in Lambda's init phase.</summary>
    public IFunctionInvoker CreateInvoker() => _createInvoker();

    public static FunctionRegistration ForS3Objects(string name, string prefix, Func<IS3ObjectFunction> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return new FunctionRegistration(name, $"S3 object created under '{prefix}' (direct or through SQS)", () => new S3ObjectFunctionInvoker(name, prefix, create()));
    }

    public static FunctionRegistration ForJson<TRequest, TResult>(
        string name, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResult> result, Func<IJsonFunction<TRequest, TResult>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return new FunctionRegistration(name, "direct invocation", () => new JsonFunctionInvoker<TRequest, TResult>(name, request, result, create()));
    }
}
