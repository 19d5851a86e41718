namespace HiveOrleans.Gateway.Tests.Cli;

/// <summary>A request the CLI sent, as <see cref="ScriptedHandler"/> saw it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body);
