using System.Globalization;
using System.Text.Json;

namespace HiveOrleans.Client;

/// <summary>
/// Tolerant reads of the gateway's JSON: a field that is missing, null or of another kind reads as null (or empty),
/// so a newer gateway that adds or drops a field never breaks an older SDK. The raw element stays on every result.
/// </summary>
internal static class JsonRead
{
    public static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    public static string? String(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static double? Double(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetDouble(out var number) ? number : null;

    public static long? Long(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    public static int? Int(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    public static bool? Bool(JsonElement element, string name) => Property(element, name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>A time written the gateway's way (ISO 8601, UTC); null when absent or unreadable.</summary>
    public static DateTimeOffset? Time(JsonElement element, string name) =>
        String(element, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    public static IReadOnlyList<T> Array<T>(JsonElement element, string name, Func<JsonElement, T> read) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray().Select(read)] : [];

    public static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : [];

    /// <summary>Parses a whole body and detaches the root from the document, so it outlives the parse buffer.</summary>
    public static JsonElement Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.Clone();
    }
}
