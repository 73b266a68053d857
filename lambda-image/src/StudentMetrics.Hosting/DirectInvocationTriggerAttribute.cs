namespace StudentMetrics.Hosting;

/// <summary>The function is invoked by name (<c>aws lambda invoke</c>, a deployment step) with a JSON request and returns a JSON result.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DirectInvocationTriggerAttribute : Attribute;
