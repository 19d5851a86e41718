namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A request about a task that its current state does not allow (resending a callback it has no URL for, and the like).</summary>
[GenerateSerializer, Alias("HiveOrleans.TaskRequestException")]
public sealed class TaskRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TaskRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TaskRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
