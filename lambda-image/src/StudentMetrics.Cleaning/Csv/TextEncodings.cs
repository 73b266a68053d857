using System.Text;

namespace StudentMetrics.Cleaning.Csv;

/// <summary>Byte-order marks, report names, and the stream that turns any accepted encoding into UTF-8 for the reader.</summary>
internal static class TextEncodings
{
    public static string ReportName(TextEncodingKind kind) => kind switch
    {
        TextEncodingKind.Utf8 => "utf-8",
        TextEncodingKind.Utf8Bom => "utf-8-bom",
        TextEncodingKind.Utf16LittleEndian => "utf-16le",
        TextEncodingKind.Utf16BigEndian => "utf-16be",
        _ => "windows-1252",
    };

    public static int BomLength(TextEncodingKind kind) => kind switch
    {
        TextEncodingKind.Utf8Bom => 3,
        TextEncodingKind.Utf16LittleEndian or TextEncodingKind.Utf16BigEndian => 2,
        _ => 0,
    };

    /// <summary>The encoding a byte-order mark announces; <see cref="TextEncodingKind.Utf8"/> when there is none.</summary>
    public static TextEncodingKind FromBom(ReadOnlySpan<byte> start) =>
        start.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? TextEncodingKind.Utf8Bom
        : start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? TextEncodingKind.Utf16LittleEndian
        : start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? TextEncodingKind.Utf16BigEndian
        : TextEncodingKind.Utf8;

    /// <summary>Wraps a raw stream positioned after its byte-order mark so that it reads as UTF-8.</summary>
    public static Stream AsUtf8(Stream afterBom, TextEncodingKind kind) => kind switch
    {
        TextEncodingKind.Utf16LittleEndian => Encoding.CreateTranscodingStream(afterBom, Encoding.Unicode, Encoding.UTF8, leaveOpen: true),
        TextEncodingKind.Utf16BigEndian => Encoding.CreateTranscodingStream(afterBom, Encoding.BigEndianUnicode, Encoding.UTF8, leaveOpen: true),
        TextEncodingKind.Windows1252 => new Windows1252ToUtf8Stream(afterBom),
        _ => afterBom,
    };

    /// <summary>Reads and drops the byte-order mark of a freshly opened raw stream.</summary>
    public static void SkipBom(Stream raw, TextEncodingKind kind)
    {
        Span<byte> bom = stackalloc byte[3];
        raw.ReadExactly(bom[..BomLength(kind)]);
    }
}
