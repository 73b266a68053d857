using System.Text.Json;

namespace StudentMetrics.Hosting.Observability;

/// <summary>One named value of a structured log line or metric record. Typed, so writing it needs no reflection.</summary>
public readonly record struct LogField
{
    private readonly string? _text;
    private readonly double _number;
    private readonly bool _isNumber;
    private readonly bool _isInteger;

    private LogField(string name, string? text, double number, bool isNumber, bool isInteger)
    {
        Name = name;
        _text = text;
        _number = number;
        _isNumber = isNumber;
        _isInteger = isInteger;
    }

    public string Name { get; }

    public static LogField Of(string name, string? value) => new(name, value, 0, false, false);

    public static LogField Of(string name, long value) => new(name, null, value, true, true);

    public static LogField Of(string name, double value) => new(name, null, value, true, false);

    internal void WriteTo(Utf8JsonWriter writer)
    {
        if (!_isNumber)
        {
            if (_text is null)
            {
                writer.WriteNull(Name);
            }
            else
            {
                writer.WriteString(Name, _text);
            }
        }
        else if (_isInteger)
        {
            writer.WriteNumber(Name, (long)_number);
        }
        else if (double.IsFinite(_number))
        {
            writer.WriteNumber(Name, _number);
        }
        else
        {
            writer.WriteNull(Name);
        }
    }
}
