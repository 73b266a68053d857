namespace StudentMetrics.IntegrationTests.Database;

/// <summary>How a test database reached the current schema.</summary>
public enum DatabaseOrigin
{
    /// <summary>Migrated from empty: the baseline, the versioned scripts above it, the repeatable scripts.</summary>
    Fresh,

    /// <summary>Migrated first with the versioned history the baseline replaces, then with this build.</summary>
    UpgradedFromHistory,
}
