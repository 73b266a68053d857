using System.Text;

namespace StudentMetrics.Reporting.Html;

/// <summary>Escapes text for HTML and SVG, element content and quoted attributes alike (school ids come from uploaded files).</summary>
internal static class HtmlText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
