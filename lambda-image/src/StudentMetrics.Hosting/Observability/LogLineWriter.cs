using System.Text;

namespace StudentMetrics.Hosting.Observability;

/// <summary>
/// A <see cref="TextWriter"/> for libraries that report progress as text: each line becomes one structured log entry
/// of the invocation, so stdout holds only JSON lines with the request id.
/// </summary>
public sealed class LogLineWriter(FunctionLog log) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            Flush();
        }
        else if (value != '\r')
        {
            _line.Append(value);
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            log.Info(_line.ToString());
            _line.Clear();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
