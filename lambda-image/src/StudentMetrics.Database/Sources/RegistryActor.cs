namespace StudentMetrics.Database.Sources;

/// <summary>Who changes the source registry, and why: what the audit records beside the database role.</summary>
public sealed record RegistryActor(string Name, string? Reason = null);
