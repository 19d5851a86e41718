namespace HiveOrleans.Storage.Models;

/// <summary>A registered model's row, without its file.</summary>
/// <param name="Name">The name projects choose it by.</param>
/// <param name="Kind"><c>onnx</c> or <c>remote</c>.</param>
/// <param name="Version">What its scores depend on, hashed (see the model grain).</param>
/// <param name="Definition">Its definition as JSON; opaque to the store.</param>
/// <param name="ContentBytes">The size of its ONNX file; 0 for a remote model.</param>
/// <param name="RegisteredAt">When this version was registered.</param>
public sealed record StoredModel(string Name, string Kind, string Version, string Definition, long ContentBytes, DateTimeOffset RegisteredAt);
