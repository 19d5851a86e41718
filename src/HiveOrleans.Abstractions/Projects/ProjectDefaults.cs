namespace HiveOrleans.Abstractions.Projects;

/// <summary>The settings a new project starts with.</summary>
public static class ProjectDefaults
{
    /// <summary>Hive's own default text limit.</summary>
    public const int MaxTextLength = 1024;

    /// <summary>How long a sync request waits.</summary>
    public static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(20);

    /// <summary>The largest request body: 20 MiB.</summary>
    public const long MaxBodyBytes = 20L * 1024 * 1024;

    /// <summary>What one task costs unless the operator says otherwise.</summary>
    public const double ChargePerTask = 1;

    /// <summary>Frames sampled per second of video: Hive's default of one.</summary>
    public const double FrameRate = 1;
}
