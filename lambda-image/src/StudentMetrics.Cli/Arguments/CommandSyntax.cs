using System.Text;

namespace StudentMetrics.Cli.Arguments;

/// <summary>What a command accepts; both the parser and the usage text come from it, so they cannot disagree.</summary>
internal sealed record CommandSyntax(string Command, IReadOnlyList<Operand> Operands, IReadOnlyList<Option> Options)
{
    public static CommandSyntax Of(string command, params object[] parts) =>
        new(command, [.. parts.OfType<Operand>()], [.. parts.OfType<Option>()]);

    /// <summary><c>student-metrics clean INPUT --out DIR</c>, optional parts in brackets.</summary>
    public string Synopsis
    {
        get
        {
            var text = new StringBuilder("student-metrics ").Append(Command);
            foreach (var operand in Operands)
            {
                text.Append(' ').Append(operand.Required ? operand.Name : $"[{operand.Name}]");
            }

            foreach (var option in Options)
            {
                text.Append(' ').Append(option.Required ? option.Synopsis : $"[{option.Synopsis}]");
            }

            return text.ToString();
        }
    }

    /// <summary>The synopsis, then one line per operand and option.</summary>
    public string Usage()
    {
        var rows = Operands.Select(o => (o.Name, o.Description)).Concat(Options.Select(o => (Name: o.Synopsis, o.Description))).ToList();
        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Name.Length);
        var text = new StringBuilder("usage: ").Append(Synopsis).Append('\n');
        if (rows.Count > 0)
        {
            text.Append('\n');
            foreach (var (name, description) in rows)
            {
                text.Append("  ").Append(name.PadRight(width)).Append("  ").Append(description).Append('\n');
            }
        }

        return text.ToString();
    }
}
