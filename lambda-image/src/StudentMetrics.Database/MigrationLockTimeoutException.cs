namespace StudentMetrics.Database;

/// <summary>Another migrate run held the migration lock for longer than this run would wait. Nothing was changed.</summary>
public sealed class MigrationLockTimeoutException(TimeSpan waited, string holders)
    : Exception(
        $"Another migrate run has held the migration lock (public.schema_migrations_lock) for longer than this run waits ({waited}): {holders}. " +
        "Nothing was changed. Run migrate again once it has finished; if that session is stuck, end it with SELECT pg_terminate_backend(pid).")
{
}
