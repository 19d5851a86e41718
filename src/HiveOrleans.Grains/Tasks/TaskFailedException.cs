namespace HiveOrleans.Grains.Tasks;

/// <summary>
/// Processing cannot give this task a result, for a reason the caller should read: the task finishes failed with
/// <see cref="Code"/> (<c>FETCH_FAILED</c>, <c>UNSUPPORTED_MEDIA</c>, …) and the message.
/// </summary>
public sealed class TaskFailedException : Exception
{
    public const string FetchFailed = "FETCH_FAILED";
    public const string UnsupportedMedia = "UNSUPPORTED_MEDIA";
    public const string ModelFailed = "MODEL_FAILED";

    public TaskFailedException()
        : this(ModelFailed, "The task failed.")
    {
    }

    public TaskFailedException(string message)
        : this(ModelFailed, message)
    {
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ModelFailed;
    }

    public TaskFailedException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>The wire status code the task finishes with.</summary>
    public string Code { get; }
}
