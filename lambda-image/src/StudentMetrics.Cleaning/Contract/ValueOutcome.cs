namespace StudentMetrics.Cleaning.Contract;

/// <summary>What reading one non-null value gave; the column's type turns a failure into its reject code.</summary>
internal enum ValueOutcome
{
    Ok,
    Unparseable,
    OutOfRange,
    InvalidFormat,

    /// <summary>Empty or a null token (never returned by <see cref="ValueReader"/>; the row cleaner decides it first).</summary>
    Null,

    /// <summary>Longer than the contract's field limit.</summary>
    TooLong,
}
