using Npgsql;
using Sylvan.Data.Csv;

namespace StudentMetrics.Database.Loading;

/// <summary>Streams a cleaned file into core.student_metrics_staging with a binary COPY, row by row, never holding more than a buffer of it.</summary>
internal static class StagingCopy
{
    // The lineage columns are not sent with every row: the table defaults them from the transaction's settings.
    private static readonly string CopyCommand =
        $"COPY core.student_metrics_staging ({string.Join(", ", CleanFileColumns.Names)}) FROM STDIN (FORMAT BINARY)";

    /// <returns>The number of rows written (the merge checks the server staged exactly as many).</returns>
    /// <remarks>Runs inside the caller's transaction: the lineage settings are local to it.</remarks>
    public static async Task<long> CopyAsync(NpgsqlConnection connection, Stream cleanCsv, string sourceKey, string sourceSha256, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(cleanCsv, leaveOpen: true);
        await using var csv = await CsvDataReader.CreateAsync(
            text,
            new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 },
            cancellationToken).ConfigureAwait(false);
        CleanFileColumns.ThrowIfHeaderDiffers(csv);

        await using (var lineage = new NpgsqlCommand(
            "SELECT set_config('student_metrics.source_key', $1, true), set_config('student_metrics.source_sha256', $2, true)", connection))
        {
            lineage.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sourceKey });
            lineage.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sourceSha256 });
            await lineage.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var rows = 0L;
        var copy = await connection.BeginRawBinaryCopyAsync(CopyCommand, cancellationToken).ConfigureAwait(false);
        await using (copy.ConfigureAwait(false))
        {
            var writer = new BinaryCopyWriter(copy);
            writer.WriteHeader();
            // Read synchronously: the reader refills its 64 KiB buffer only now and then, and an awaited call per
            // row costs more than the row's encoding. Cancellation is checked once per buffer's worth of rows.
            while (csv.Read())
            {
                if ((rows & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (csv.RowFieldCount != CleanFileColumns.Names.Count)
                {
                    throw new InvalidDataException($"Cleaned file row {csv.RowNumber} has {csv.RowFieldCount} fields, expected {CleanFileColumns.Names.Count}.");
                }

                try
                {
                    WriteRow(writer, csv);
                }
                catch (FormatException e)
                {
                    throw new InvalidDataException($"Cleaned file row {csv.RowNumber}: {e.Message}", e);
                }

                rows++;
            }

            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        return rows;
    }

    private static void WriteRow(BinaryCopyWriter writer, CsvDataReader csv)
    {
        writer.StartRow((short)CleanFileColumns.Names.Count);
        Text(writer, csv, 0);       // student_id
        Text(writer, csv, 1);       // school_id
        Int16(writer, csv, 2);      // grade_level
        Text(writer, csv, 3);       // term
        Decimal(writer, csv, 4);    // math_score
        Decimal(writer, csv, 5);    // reading_score
        Decimal(writer, csv, 6);    // science_score
        Decimal(writer, csv, 7);    // gpa
        Int16(writer, csv, 8);      // days_enrolled
        Int16(writer, csv, 9);      // days_present
        Int32(writer, csv, 10);     // tardies
        Int32(writer, csv, 11);     // behavior_incidents
        Date(writer, csv, 12);      // recorded_on
        Int32(writer, csv, 13);     // source_row
    }

    private static void Text(BinaryCopyWriter writer, CsvDataReader csv, int ordinal)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteText(field);
        }
    }

    private static void Int16(BinaryCopyWriter writer, CsvDataReader csv, int ordinal)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteInt16(CleanFields.ParseInt16(field));
        }
    }

    private static void Int32(BinaryCopyWriter writer, CsvDataReader csv, int ordinal)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteInt32(CleanFields.ParseInt32(field));
        }
    }

    private static void Decimal(BinaryCopyWriter writer, CsvDataReader csv, int ordinal)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteNumeric(CleanFields.ParseDecimal(field));
        }
    }

    private static void Date(BinaryCopyWriter writer, CsvDataReader csv, int ordinal)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteDate(CleanFields.ParseDate(field));
        }
    }
}
