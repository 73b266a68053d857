using System.Text;
using StudentMetrics.Cleaning.Csv;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>The hand-written Windows-1252 decoder against the code-page tables, read through buffers of every small size.</summary>
public sealed class Windows1252ToUtf8StreamTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(4096)]
    public void Every_byte_decodes_as_windows_1252_whatever_the_read_size(int readSize)
    {
        var all = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var expected = Encoding.UTF8.GetBytes(Windows1252(all));
        using var stream = new Windows1252ToUtf8Stream(new MemoryStream(all));
        var output = new MemoryStream();
        var buffer = new byte[readSize];

        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        output.ToArray().ShouldBe(expected);
    }

    /// <summary>The framework's own code page 1252 (the product avoids it to keep code-page tables out of the AOT image).</summary>
    private static string Windows1252(byte[] bytes)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetString(bytes);
    }
}
