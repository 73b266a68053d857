namespace StudentMetrics.Hosting;

/// <summary>Names a function. The name is what the image command, <c>STUDENT_METRICS_FUNCTION</c> or <c>_HANDLER</c> selects.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class FunctionAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
