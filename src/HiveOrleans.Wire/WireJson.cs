using System.Text.Encodings.Web;
using System.Text.Json;

namespace HiveOrleans.Wire;

/// <summary>How HiveOrleans writes JSON on the wire.</summary>
public static class WireJson
{
    /// <summary>
    /// Writer options for API bodies and callbacks: characters such as <c>'</c>, <c>&lt;</c> and <c>+</c> stay
    /// readable instead of becoming <c>\u0027</c>. The bodies are JSON documents, never embedded in HTML.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
