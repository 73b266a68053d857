namespace StudentMetrics.Database;

/// <summary>What a load did with a file as a whole.</summary>
public enum LoadOutcome
{
    /// <summary>The file's rows were merged.</summary>
    Loaded,

    /// <summary>The same content was loaded before; nothing changed.</summary>
    SkippedAlreadyLoaded,
}
