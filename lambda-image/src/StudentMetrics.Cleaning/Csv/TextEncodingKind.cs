namespace StudentMetrics.Cleaning.Csv;

/// <summary>The encodings the feed accepts, with the names the report uses.</summary>
internal enum TextEncodingKind
{
    Utf8,
    Utf8Bom,
    Utf16LittleEndian,
    Utf16BigEndian,
    Windows1252,
}
