namespace HiveOrleans.Abstractions.Models;

/// <summary>Why a model request was refused.</summary>
public enum ModelError
{
    /// <summary>The definition or file breaks a rule, or the probe inference failed.</summary>
    Invalid,

    /// <summary>No model has the name.</summary>
    NotFound,

    /// <summary>Projects still run the model.</summary>
    InUse,
}
