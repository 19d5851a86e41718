namespace HiveOrleans.Abstractions.Health;

/// <summary>
/// A grain call failed because the store (PostgreSQL or SQLite) could not be reached or failed. Silos throw this in
/// place of the database driver's own exception, which Orleans cannot carry to a client in another process: callers
/// can tell "the store is away, retry shortly" from a fault of the request. The message names the driver's error.
/// </summary>
[GenerateSerializer, Alias("HiveOrleans.StoreUnavailableException")]
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception; the inner exception stays on the silo (it may not cross the wire).</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
