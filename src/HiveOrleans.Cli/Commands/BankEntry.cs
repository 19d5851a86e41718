using System.Text.Json.Nodes;

namespace HiveOrleans.Cli.Commands;

/// <summary>One hash (or content id) for a bank as the API takes it, and the line of the file it came from, if any.</summary>
internal sealed record BankEntry(JsonNode Item, int? Line = null);
