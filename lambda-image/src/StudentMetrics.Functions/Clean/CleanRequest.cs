namespace StudentMetrics.Functions.Clean;

/// <summary>
/// An event's word that a raw key changed. It only says which key: what to clean is whatever version the key holds
/// when the cleaner looks. The version the event named, when it names one (S3 does; the local emulator does not), lets
/// a late event be recognised as stale before any work; its sequencer is kept in the lineage of that version.
/// </summary>
public sealed record CleanRequest(string RawKey, string? EventVersionId = null, string? EventSequencer = null);
