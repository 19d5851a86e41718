namespace HiveOrleans.Abstractions.Models;

/// <summary>Limits of registered models that the gateway and the grains share.</summary>
public static class ModelLimits
{
    /// <summary>
    /// The largest ONNX file registered (64 MiB): it travels to the verifying silo in one grain call and is stored in
    /// one row. Bigger models belong on a remote (KServe v2) server.
    /// </summary>
    public const int MaxContentBytes = 64 * 1024 * 1024;
}
