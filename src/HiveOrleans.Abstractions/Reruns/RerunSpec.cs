using HiveOrleans.Abstractions.Projects;

namespace HiveOrleans.Abstractions.Reruns;

/// <summary>What an operator asked a rerun to do (<c>POST /admin/v1/projects/{id}/rerun</c>).</summary>
[GenerateSerializer, Immutable, Alias("HiveOrleans.RerunSpec")]
public sealed record RerunSpec
{
    /// <summary>The project whose stored tasks are run again.</summary>
    [Id(0)] public required long ProjectId { get; init; }

    /// <summary>The earliest submission time included; null for the project's first task.</summary>
    [Id(1)] public DateTimeOffset? Since { get; init; }

    /// <summary>The submission time before which the window ends (exclusive); null for the moment the rerun starts.</summary>
    [Id(2)] public DateTimeOffset? Until { get; init; }

    /// <summary>The settings to try, merged over the project's as a PATCH would merge them; the project is not changed.</summary>
    [Id(3)] public ProjectSettings Config { get; init; } = new();

    /// <summary><see cref="RerunModes.Shadow"/> or <see cref="RerunModes.Apply"/>.</summary>
    [Id(4)] public required string Mode { get; init; }

    /// <summary>The most tasks run again (the oldest in the window first); null for all of them.</summary>
    [Id(5)] public long? Limit { get; init; }

    /// <summary>Apply mode: true to send each changed task's callback again with its new result.</summary>
    [Id(6)] public bool Callbacks { get; init; }
}

/// <summary>How a rerun treats what it finds.</summary>
public static class RerunModes
{
    /// <summary>Changes nothing callers see; only reports what would change.</summary>
    public const string Shadow = "shadow";

    /// <summary>Writes each changed result into its task, the previous one kept in the task's history.</summary>
    public const string Apply = "apply";
}

/// <summary>Where a rerun stands.</summary>
public static class RerunStatuses
{
    /// <summary>Working, or waiting to be resumed by a silo.</summary>
    public const string Running = "running";
    /// <summary>Every task of the window was looked at.</summary>
    public const string Completed = "completed";
    /// <summary>Stopped by an operator.</summary>
    public const string Cancelled = "cancelled";
    /// <summary>Stopped by an error (see <see cref="RerunProgress.Error"/>).</summary>
    public const string Failed = "failed";
}

/// <summary>Grain keys of reruns: <c>rerun-&lt;id&gt;</c> (a non-hex prefix, see the conventions).</summary>
public static class RerunKeys
{
    /// <summary>The key of <see cref="IRerunDirectoryGrain"/>.</summary>
    public const string Directory = "reruns";

    /// <summary>The key of rerun <paramref name="rerunId"/>'s grain.</summary>
    public static string GrainKey(Guid rerunId) => "rerun-" + rerunId.ToString("D");
}
