using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Models.Registered;

/// <summary>Operator-registered models. Bound from <c>HiveOrleans:Models</c>; see docs/operations.md.</summary>
public sealed class RegisteredModelOptions
{
    public const string Section = "HiveOrleans:Models";

    /// <summary>
    /// The silos' shared volume: a model registered by <c>path</c> must be a file under it (read once, by the silo
    /// that verifies it, and stored like an upload). Null (the default) refuses registration by path.
    /// </summary>
    public string? SharedDirectory { get; set; }

    /// <summary>How long a silo trusts what it read of a model's definition: a replaced or deleted model reaches every silo within this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Threads one inference of a registered ONNX model may use; 0 (the default) for the cores divided by the model concurrency, at least 1.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }
}
