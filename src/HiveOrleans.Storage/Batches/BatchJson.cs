using System.Text.Json.Serialization;

namespace HiveOrleans.Storage.Batches;

/// <summary>The one JSON shape the SQLite batch store writes: a chunk's task ids.</summary>
[JsonSerializable(typeof(string[]))]
internal sealed partial class BatchJson : JsonSerializerContext;
