namespace StudentMetrics.Cleaning.Storage;

/// <summary>An object being written. Disposing it without <see cref="CompleteAsync"/> discards it.</summary>
public interface IOutputObject : IAsyncDisposable
{
    string Key { get; }

    /// <summary>Where the content is written; it never needs to be flushed by the caller.</summary>
    Stream Content { get; }

    Task CompleteAsync(CancellationToken cancellationToken);

    Task AbortAsync();
}
