using System.Globalization;
using System.Text.Json;

namespace HiveOrleans.Cli.Output;

/// <summary>
/// Reads fields from the API's answers without trusting their shape: a missing field or one of an unexpected kind
/// is shown as best it can be, never an exception, so an older or newer gateway still gets readable output.
/// </summary>
internal static class JsonValues
{
    public const string Missing = "-";

    public static bool TryField(this JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    public static string Field(this JsonElement element, string name) =>
        element.TryField(name, out var value) ? Describe(value) : Missing;

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null => "none",
        JsonValueKind.Undefined => Missing,
        _ => value.GetRawText(),
    };

    /// <summary><c>10/s, burst 20</c>, or <c>none</c> for a project without a rate limit.</summary>
    public static string RateLimit(this JsonElement project)
    {
        if (!project.TryField("rate_limit", out var rate))
        {
            return Missing;
        }

        if (rate.ValueKind != JsonValueKind.Object)
        {
            return Describe(rate);
        }

        var parts = new List<string>();
        if (rate.TryField("per_second", out var perSecond))
        {
            parts.Add($"{Describe(perSecond)}/s");
        }

        if (rate.TryField("burst", out var burst))
        {
            parts.Add($"burst {Describe(burst)}");
        }

        return parts.Count > 0 ? string.Join(", ", parts) : "none";
    }

    public static decimal? Decimal(this JsonElement element, string name) =>
        element.TryField(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number : null;

    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
