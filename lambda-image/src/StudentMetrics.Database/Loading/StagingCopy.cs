using Npgsql;
using StudentMetrics.Cleaning.Contract;
using Sylvan.Data.Csv;

namespace StudentMetrics.Database.Loading;

/// <summary>
/// Streams a cleaned file into its feed's staging table with a binary COPY, row by row, never holding more than a buffer
/// of it. The columns and how each is encoded come from the feed's contract (<see cref="CleanFileLayout"/>).
/// </summary>
internal static class StagingCopy
{
    /// <returns>The number of rows written (the merge checks the server staged exactly as many).</returns>
    /// <remarks>Runs inside the caller's transaction: the lineage settings are local to it.</remarks>
    public static async Task<long> CopyAsync(NpgsqlConnection connection, FeedContract contract, Stream cleanCsv, string sourceKey, string sourceSha256, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(cleanCsv, leaveOpen: true);
        await using var csv = await CsvDataReader.CreateAsync(
            text,
            new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 },
            cancellationToken).ConfigureAwait(false);
        var layout = CleanFileLayout.Read(contract, csv);

        await using (var lineage = new NpgsqlCommand(
            "SELECT set_config('student_metrics.source_key', $1, true), set_config('student_metrics.source_sha256', $2, true)", connection))
        {
            lineage.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sourceKey });
            lineage.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sourceSha256 });
            await lineage.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // The lineage columns are not sent with every row: the table defaults them from the transaction's settings.
        var command = $"COPY {layout.StagingTable} ({string.Join(", ", layout.Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";
        var kinds = layout.Columns.Select(c => c.Storage.Kind).ToArray();
        var fields = layout.Columns.Select(c => c.Field).ToArray();
        var width = csv.FieldCount;
        var rows = 0L;
        var copy = await connection.BeginRawBinaryCopyAsync(command, cancellationToken).ConfigureAwait(false);
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

                if (csv.RowFieldCount != width)
                {
                    throw new InvalidDataException($"Cleaned file row {csv.RowNumber} has {csv.RowFieldCount} fields, expected {width}.");
                }

                try
                {
                    WriteRow(writer, csv, kinds, fields);
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

    private static void WriteRow(BinaryCopyWriter writer, CsvDataReader csv, StorageKind[] kinds, int[] fields)
    {
        writer.StartRow((short)kinds.Length);
        for (var i = 0; i < kinds.Length; i++)
        {
            var field = csv.GetFieldSpan(fields[i]);
            if (field.IsEmpty)
            {
                writer.WriteNull();
                continue;
            }

            switch (kinds[i])
            {
                case StorageKind.Text:
                    writer.WriteText(field);
                    break;
                case StorageKind.SmallInt:
                    writer.WriteInt16(CleanFields.ParseInt16(field));
                    break;
                case StorageKind.Integer:
                    writer.WriteInt32(CleanFields.ParseInt32(field));
                    break;
                case StorageKind.BigInt:
                    writer.WriteInt64(CleanFields.ParseInt64(field));
                    break;
                case StorageKind.Numeric:
                    writer.WriteNumeric(CleanFields.ParseDecimal(field));
                    break;
                default:
                    writer.WriteDate(CleanFields.ParseDate(field));
                    break;
            }
        }
    }
}
