namespace StudentMetrics.Hosting.Observability;

/// <summary>
/// CloudWatch metrics through the Embedded Metric Format: a JSON line on stdout with an <c>_aws</c> block naming the
/// metrics. CloudWatch Logs turns it into metrics with no API call from the function, so publishing costs no latency.
/// </summary>
public sealed class EmbeddedMetrics(JsonLinesOutput output, TimeProvider time, string metricNamespace)
{
    public const string DefaultNamespace = "StudentMetrics";

    /// <summary>The one dimension every metric is recorded under.</summary>
    public const string FunctionDimension = "Function";

    public static EmbeddedMetrics Console { get; } = new(JsonLinesOutput.Console, TimeProvider.System, DefaultNamespace);

    /// <param name="properties">Searchable context (request id, object key...) that is logged with the metrics but is not a dimension.</param>
    public void Write(string function, ReadOnlySpan<Metric> metrics, ReadOnlySpan<LogField> properties)
    {
        var metricCopy = metrics.ToArray();
        var propertyCopy = properties.ToArray();
        var timestamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        output.WriteLine(writer =>
        {
            writer.WriteStartObject("_aws");
            writer.WriteNumber("Timestamp", timestamp);
            writer.WriteStartArray("CloudWatchMetrics");
            writer.WriteStartObject();
            writer.WriteString("Namespace", metricNamespace);
            writer.WriteStartArray("Dimensions");
            writer.WriteStartArray();
            writer.WriteStringValue(FunctionDimension);
            writer.WriteEndArray();
            writer.WriteEndArray();
            writer.WriteStartArray("Metrics");
            foreach (var metric in metricCopy)
            {
                writer.WriteStartObject();
                writer.WriteString("Name", metric.Name);
                writer.WriteString("Unit", metric.Unit.ToString());
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();

            writer.WriteString(FunctionDimension, function);
            foreach (var metric in metricCopy)
            {
                writer.WriteNumber(metric.Name, double.IsFinite(metric.Value) ? metric.Value : 0);
            }

            foreach (var property in propertyCopy)
            {
                property.WriteTo(writer);
            }
        });
    }
}
