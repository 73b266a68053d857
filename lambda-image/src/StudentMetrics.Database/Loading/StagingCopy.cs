using Npgsql;
using NpgsqlTypes;
using Sylvan.Data.Csv;

namespace StudentMetrics.Database.Loading;

/// <summary>Streams a cleaned file into core.student_metrics_staging with a binary COPY, row by row.</summary>
internal static class StagingCopy
{
    // The lineage columns are not sent with every row: the table defaults them from the transaction's settings.
    private static readonly string CopyCommand =
        $"COPY core.student_metrics_staging ({string.Join(", ", CleanFileColumns.Names)}) FROM STDIN (FORMAT BINARY)";

    /// <returns>The number of rows the server received.</returns>
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

        var schools = new StringPool();
        var terms = new StringPool();
        await using var importer = await connection.BeginBinaryImportAsync(CopyCommand, cancellationToken).ConfigureAwait(false);
        // Writes are synchronous on purpose: they only touch the network when Npgsql's buffer fills, and an awaited
        // call per field would cost more than the COPY itself.
        while (await csv.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (csv.RowFieldCount != CleanFileColumns.Names.Count)
            {
                throw new InvalidDataException($"Cleaned file row {csv.RowNumber} has {csv.RowFieldCount} fields, expected {CleanFileColumns.Names.Count}.");
            }

            importer.StartRow();
            try
            {
                WriteRow(importer, csv, schools, terms);
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"Cleaned file row {csv.RowNumber}: {e.Message}", e);
            }

        }

        return checked((long)await importer.CompleteAsync(cancellationToken).ConfigureAwait(false));
    }

    private static void WriteRow(NpgsqlBinaryImporter importer, CsvDataReader csv, StringPool schools, StringPool terms)
    {
        Text(importer, csv, 0, pool: null);     // student_id
        Text(importer, csv, 1, schools);        // school_id
        Int16(importer, csv, 2);                // grade_level
        Text(importer, csv, 3, terms);          // term
        Decimal(importer, csv, 4);    // math_score
        Decimal(importer, csv, 5);    // reading_score
        Decimal(importer, csv, 6);    // science_score
        Decimal(importer, csv, 7);    // gpa
        Int16(importer, csv, 8);      // days_enrolled
        Int16(importer, csv, 9);      // days_present
        Int32(importer, csv, 10);     // tardies
        Int32(importer, csv, 11);     // behavior_incidents
        Date(importer, csv, 12);      // recorded_on
        Int32(importer, csv, 13);     // source_row
    }

    private static void Text(NpgsqlBinaryImporter importer, CsvDataReader csv, int ordinal, StringPool? pool)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(pool is null ? field.ToString() : pool.Get(field), NpgsqlDbType.Text);
        }
    }

    private static void Int16(NpgsqlBinaryImporter importer, CsvDataReader csv, int ordinal)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(CleanFields.ParseInt16(field), NpgsqlDbType.Smallint);
        }
    }

    private static void Int32(NpgsqlBinaryImporter importer, CsvDataReader csv, int ordinal)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(CleanFields.ParseInt32(field), NpgsqlDbType.Integer);
        }
    }

    private static void Decimal(NpgsqlBinaryImporter importer, CsvDataReader csv, int ordinal)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(CleanFields.ParseDecimal(field), NpgsqlDbType.Numeric);
        }
    }

    private static void Date(NpgsqlBinaryImporter importer, CsvDataReader csv, int ordinal)
    {
        var field = csv.GetFieldSpan(ordinal);
        if (field.IsEmpty)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(CleanFields.ParseDate(field), NpgsqlDbType.Date);
        }
    }
}
