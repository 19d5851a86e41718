namespace HiveOrleans.Abstractions.Tasks;

/// <summary>A task as it stands at one moment: everything the gateway needs to render Hive's Task object.</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.TaskSnapshot")]
public sealed record TaskSnapshot
{
    /// <summary>The task id.</summary>
    [Id(0)] public required Guid TaskId { get; init; }

    /// <summary>What was submitted.</summary>
    [Id(1)] public required TaskSubmission Submission { get; init; }

    /// <summary>Where the task is in its lifecycle.</summary>
    [Id(2)] public required TaskPhase Phase { get; init; }

    /// <summary>For a failed task, the reason code (<c>MODEL_FAILED</c>, <c>TIMEOUT</c>, …).</summary>
    [Id(3)] public string? ErrorCode { get; init; }

    /// <summary>For a failed task, a human-readable reason.</summary>
    [Id(4)] public string? ErrorMessage { get; init; }

    /// <summary>The model's result, once there is one.</summary>
    [Id(5)] public ModerationOutput? Output { get; init; }

    /// <summary>Lowercase hex MD5 of the submitted bytes (UTF-8 text for <c>text_data</c>).</summary>
    [Id(6)] public required string InputHash { get; init; }

    /// <summary>When the task finished, if it has.</summary>
    [Id(7)] public DateTimeOffset? CompletedOn { get; init; }

    /// <summary>How delivery of the callback stands.</summary>
    [Id(8)] public CallbackStatus? Callback { get; init; }

    /// <summary>The charge recorded for this task.</summary>
    [Id(9)] public double Charge { get; init; }

    /// <summary>When processing began, if it has.</summary>
    [Id(10)] public DateTimeOffset? ProcessingStartedOn { get; init; }

    /// <summary>True once the task is finished, successfully or not.</summary>
    public bool IsFinished => Phase is TaskPhase.Succeeded or TaskPhase.Failed;

    /// <summary>The media, once stored (at submission for uploads, after the download for URLs).</summary>
    [Id(11)] public TaskMedia? Media { get; init; }

    /// <summary>True when the result was copied from an earlier task of the same project, content and configuration.</summary>
    [Id(12)] public bool FromCache { get; init; }

    /// <summary>How review ended, for a task that went to review; null otherwise (and while it waits).</summary>
    [Id(13)] public TaskReview? Review { get; init; }

    /// <summary>The review queue the task waits in (<c>main</c> or <c>escalated</c>); null when it waits in none.</summary>
    [Id(14)] public string? ReviewQueue { get; init; }

    /// <summary>When it entered that queue; null when it waits in none.</summary>
    [Id(15)] public DateTimeOffset? ReviewSince { get; init; }

    /// <summary>How far the model has come, while it runs and reports it (speech); null otherwise.</summary>
    [Id(16)] public TaskProgress? Progress { get; init; }
}
