using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HiveOrleans.Wire;

/// <summary>
/// Times on the wire, in every document: ISO 8601 in UTC with milliseconds, <c>2025-01-31T12:00:00.000Z</c>.
/// System.Text.Json's own format would write the offset and up to seven fractional digits instead.
/// </summary>
public sealed class WireTimeConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>The format, applied to the UTC time.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.ParseExact(reader.GetString() ?? throw new JsonException("A time must be a string."), Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<char> text = stackalloc char[32];
        if (!value.UtcDateTime.TryFormat(text, out var written, Format, CultureInfo.InvariantCulture))
        {
            throw new JsonException($"The time {value:O} does not fit the wire format.");
        }

        writer.WriteStringValue(text[..written]);
    }
}
