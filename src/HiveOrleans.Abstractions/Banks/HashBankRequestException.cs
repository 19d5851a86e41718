namespace HiveOrleans.Abstractions.Banks;

/// <summary>An operator request a bank cannot carry out as asked (a bad value, an unknown bank, a bank that exists).</summary>
[GenerateSerializer, Alias("HiveOrleans.HashBankRequestException")]
public sealed class HashBankRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HashBankRequestException(string message, HashBankError error = HashBankError.Invalid)
        : base(message) => Error = error;

    /// <summary>Creates the exception.</summary>
    public HashBankRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public HashBankRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the request was refused.</summary>
    [Id(0)] public HashBankError Error { get; init; }
}
