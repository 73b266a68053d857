namespace StudentMetrics.Cleaning.Csv;

/// <summary>Turns a byte offset of a text into the line a person sees it on in an editor (LF, CRLF or a lone CR end a line).</summary>
internal static class LineNumbers
{
    /// <returns>The 1-based line holding <paramref name="offset"/>.</returns>
    public static long LineAt(Stream text, long offset)
    {
        var buffer = new byte[1 << 16];
        long line = 1, position = 0;
        var afterCr = false;
        while (position < offset)
        {
            var n = text.Read(buffer, 0, (int)Math.Min(buffer.Length, offset - position));
            if (n == 0)
            {
                break;
            }

            foreach (var b in buffer.AsSpan(0, n))
            {
                if (b == '\n')
                {
                    line += afterCr ? 0 : 1;
                }
                else if (b == '\r')
                {
                    line++;
                }

                afterCr = b == '\r';
            }

            position += n;
        }

        return line;
    }
}
