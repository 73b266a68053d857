namespace StudentMetrics.Hosting;

/// <summary>
/// The function runs for every object created under <see cref="Prefix"/>, whether S3 invokes it directly or the
/// notification reaches it through an SQS queue. Objects outside the prefix are skipped, so a function that writes into
/// its own bucket cannot trigger itself.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class S3ObjectCreatedTriggerAttribute(string prefix) : Attribute
{
    public string Prefix { get; } = prefix;
}
