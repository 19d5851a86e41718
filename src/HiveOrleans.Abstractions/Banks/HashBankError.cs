namespace HiveOrleans.Abstractions.Banks;

/// <summary>Why a bank request was refused.</summary>
public enum HashBankError
{
    /// <summary>A value in the request breaks a rule (a bad hash, label, content id, name, or size).</summary>
    Invalid,

    /// <summary>The bank does not exist.</summary>
    NotFound,

    /// <summary>The bank already exists.</summary>
    Conflict,
}
