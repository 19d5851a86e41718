namespace HiveOrleans.Abstractions.Models;

/// <summary>An operator request about a registered model that cannot be carried out as asked.</summary>
[GenerateSerializer, Alias("HiveOrleans.ModelRequestException")]
public sealed class ModelRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelRequestException(string message, ModelError error = ModelError.Invalid)
        : base(message) => Error = error;

    /// <summary>Creates the exception.</summary>
    public ModelRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ModelRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the request was refused.</summary>
    [Id(0)] public ModelError Error { get; init; }
}
