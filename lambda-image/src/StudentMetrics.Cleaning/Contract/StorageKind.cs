namespace StudentMetrics.Cleaning.Contract;

/// <summary>The PostgreSQL types a contract column may be stored as.</summary>
public enum StorageKind
{
    Text,
    SmallInt,
    Integer,
    BigInt,
    Numeric,
    Date,
}
