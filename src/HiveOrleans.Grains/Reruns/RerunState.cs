using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reruns;

namespace HiveOrleans.Grains.Reruns;

/// <summary>A rerun's durable record: the report as of its last checkpoint, the cursor that goes with it, and the merged settings.</summary>
[GenerateSerializer, Alias("HiveOrleans.RerunState")]
public sealed class RerunState
{
    /// <summary>The rerun as of the last checkpoint; null before it starts.</summary>
    [Id(0)] public RerunProgress? Progress { get; set; }

    /// <summary>The id of the last task the checkpoint counted; the next page starts after it.</summary>
    [Id(1)] public Guid Cursor { get; set; }

    /// <summary>The project's settings merged with the ones to try, fixed at the start so a resumed rerun uses the same.</summary>
    [Id(2)] public ProjectConfig? Trial { get; set; }

    /// <summary>The id bound the window ends before (<see cref="Storage.Reruns.TaskIdBounds.At"/> of its end).</summary>
    [Id(3)] public Guid UntilId { get; set; }
}
