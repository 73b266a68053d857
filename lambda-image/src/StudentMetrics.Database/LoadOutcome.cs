namespace StudentMetrics.Database;

/// <summary>What a load did with a file as a whole.</summary>
public enum LoadOutcome
{
    /// <summary>The file's rows were merged: this version is now its key's current one.</summary>
    Loaded,

    /// <summary>This content is already the key's current content; nothing changed.</summary>
    SkippedAlreadyLoaded,

    /// <summary>A newer version of the key was loaded first (this one's event came late); nothing changed.</summary>
    SkippedStale,
}
