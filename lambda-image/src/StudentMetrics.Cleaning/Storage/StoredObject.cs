namespace StudentMetrics.Cleaning.Storage;

/// <summary>An object read back whole (reports are small), with the metadata it was written with.</summary>
public sealed record StoredObject(ReadOnlyMemory<byte> Content, ObjectState State);
