using StudentMetrics.Reporting.Html;

namespace StudentMetrics.UnitTests.Reporting;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("SCH-1", "SCH-1")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("a\"b'c&d", "a&quot;b&#39;c&amp;d")]
    [InlineData(null, "")]
    public void Text_from_uploaded_files_cannot_break_out_of_markup(string? text, string escaped) =>
        HtmlText.Escape(text).ShouldBe(escaped);
}
