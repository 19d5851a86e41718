using System.Text.Encodings.Web;
using System.Text.Json;

namespace HiveOrleans.Wire;

/// <summary>How HiveOrleans writes JSON on the wire.</summary>
public static class WireJson
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>
    /// Writer options for API bodies and callbacks: characters such as <c>'</c>, <c>&lt;</c> and <c>+</c> stay
    /// readable instead of becoming <c>\u0027</c>. The bodies are JSON documents, never embedded in HTML.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Encoder };

    /// <summary>
    /// The source-generated documents (<see cref="WireJsonContext"/>) with the same escaping as <see cref="WriterOptions"/>,
    /// for serialising anywhere, not only through a writer made with those options.
    /// </summary>
    public static WireJsonContext Context { get; } = new(new JsonSerializerOptions(WireJsonContext.Default.Options) { Encoder = Encoder });
}
