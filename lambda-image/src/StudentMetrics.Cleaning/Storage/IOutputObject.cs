namespace StudentMetrics.Cleaning.Storage;

/// <summary>An object being written. Disposing it without <see cref="CompleteAsync"/> discards it.</summary>
public interface IOutputObject : IAsyncDisposable
{
    string Key { get; }

    /// <summary>Where the content is written; it never needs to be flushed by the caller.</summary>
    Stream Content { get; }

    /// <summary>Makes the object visible, if <paramref name="condition"/> still holds of its key.</summary>
    /// <returns>The new object.</returns>
    /// <exception cref="OutputConflictException">The key no longer holds what the condition expects; nothing was written.</exception>
    Task<WrittenObject> CompleteAsync(WriteCondition condition, CancellationToken cancellationToken);

    Task AbortAsync();
}
