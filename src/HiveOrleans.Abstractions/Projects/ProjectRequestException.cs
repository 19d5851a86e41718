namespace HiveOrleans.Abstractions.Projects;

/// <summary>An operator request the project cannot carry out as asked (unknown project, bad value, wrong slot).</summary>
[GenerateSerializer, Alias("HiveOrleans.ProjectRequestException")]
public sealed class ProjectRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProjectRequestException(string message, bool notFound = false)
        : base(message) => NotFound = notFound;

    /// <summary>Creates the exception.</summary>
    public ProjectRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProjectRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the project does not exist.</summary>
    [Id(0)] public bool NotFound { get; init; }
}
