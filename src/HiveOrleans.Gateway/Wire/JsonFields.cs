using System.Globalization;
using System.Text.Json;

namespace HiveOrleans.Gateway.Wire;

/// <summary>
/// The one way request JSON is read, for the task API and the operator API alike. Every value is checked for its
/// type, its text and its range before anything converts it, so a caller's mistake is a 400 that names the field
/// rather than an exception from deep inside a conversion (which the error handler could only call a failure of ours).
/// </summary>
internal static class JsonFields
{
    /// <summary>
    /// An operator request's JSON object body: 415 unless it is sent as JSON (saying to send the <paramref name="what"/>
    /// as <c>application/json</c>), 400 unless it parses as an object.
    /// </summary>
    public static async Task<JsonElement> ReadRequestObjectAsync(HttpRequest request, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType, $"Send the {what} as application/json.");
        }

        return await ReadObjectAsync(request.Body, "The JSON body must be an object.", cancellationToken);
    }

    /// <summary>
    /// Parses a body that must be a JSON object and refuses a field given twice anywhere in it: JSON readers keep the
    /// last of two and drop the first silently, so the caller would not get what it sent. Values under
    /// <paramref name="opaque"/> top-level names are the caller's own and are not looked into.
    /// </summary>
    public static async Task<JsonElement> ReadObjectAsync(Stream body, string expected, CancellationToken cancellationToken, params string[] opaque)
    {
        JsonElement root;
        try
        {
            using var document = await JsonDocument.ParseAsync(body, default, cancellationToken);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw ApiException.BadRequest($"The request body is not valid JSON: {ex.Message}");
        }

        CheckObject(root, expected, opaque);
        return root;
    }

    /// <summary>
    /// Refuses <paramref name="root"/> unless it is an object with no field given twice (values under
    /// <paramref name="opaque"/> top-level names are not looked into), as <see cref="ReadObjectAsync"/> does for a body.
    /// </summary>
    public static void CheckObject(JsonElement root, string expected, params string[] opaque)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest(expected);
        }

        RefuseDuplicates(root, path: null, opaque);
    }

    /// <summary>A string field, or null when absent or null.</summary>
    public static string? String(JsonElement parent, string name, string? path = null)
    {
        if (Field(parent, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? Text(value, path ?? name)
            : throw ApiException.BadRequest($"'{path ?? name}' must be a string.");
    }

    /// <summary>An array of strings, or null when absent or null.</summary>
    public static string[]? Strings(JsonElement parent, string name)
    {
        if (Field(parent, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw ApiException.BadRequest($"'{name}' must be an array of strings.");
        }

        return [.. value.EnumerateArray().Select((v, i) => Text(v, $"{name}[{i}]"))];
    }

    /// <summary>A whole number within [min, max], or null when absent or null. Fractions, 30-digit numbers and
    /// numbers outside the range are refused as they stand, never rounded or cast into range.</summary>
    public static long? Int64(JsonElement parent, string name, long min, long max, string? path = null)
    {
        if (Field(parent, name) is not { } value)
        {
            return null;
        }

        return WholeNumber(value, path ?? name, min, max);
    }

    /// <summary>A whole number within [min, max] from a JSON value already found.</summary>
    public static long WholeNumber(JsonElement value, string path, long min, long max) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max
            ? number
            : throw ApiException.BadRequest(max == long.MaxValue
                ? $"'{path}' must be a whole number of {Format(min)} or more."
                : $"'{path}' must be a whole number from {Format(min)} to {Format(max)}.");

    /// <summary>A true or false, or null when absent or null; anything else (<c>"true"</c>, 1) is refused.</summary>
    public static bool? Boolean(JsonElement parent, string name)
    {
        if (Field(parent, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiException.BadRequest($"'{name}' must be true or false."),
        };
    }

    /// <summary>A finite number within [min, max], or null when absent or null.</summary>
    public static double? Number(JsonElement parent, string name, double min, double max, string? path = null)
    {
        if (Field(parent, name) is not { } value)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number) && number >= min && number <= max
            ? number
            : throw ApiException.BadRequest($"'{path ?? name}' must be a number from {Format(min)} to {Format(max)}.");
    }

    /// <summary>The value of a field that is present and not null.</summary>
    public static JsonElement? Field(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>
    /// A JSON string as .NET text. JSON can escape a lone surrogate (<c>"\ud800"</c>) and a body can carry bytes that
    /// are not UTF-8; neither has a string form, and .NET refuses to make one.
    /// </summary>
    public static string Text(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw ApiException.BadRequest($"'{path}' is not valid Unicode text.");
        }
    }

    /// <summary>A JSON value as the caller wrote it, when it is valid UTF-8.</summary>
    public static string RawText(JsonElement value, string path)
    {
        try
        {
            return value.GetRawText();
        }
        catch (InvalidOperationException)
        {
            throw ApiException.BadRequest($"'{path}' is not valid Unicode text.");
        }
    }

    /// <summary>An object's fields, each name checked to be text.</summary>
    public static IEnumerable<(string Name, JsonElement Value)> Properties(JsonElement parent, string path)
    {
        foreach (var property in parent.EnumerateObject())
        {
            yield return (Name(property, path), property.Value);
        }
    }

    private static string Name(JsonProperty property, string? path)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw ApiException.BadRequest(path is null
                ? "A field name in the body is not valid Unicode text."
                : $"A field name in '{path}' is not valid Unicode text.");
        }
    }

    private static void RefuseDuplicates(JsonElement value, string? path, string[] opaque)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    var name = Name(property, path);
                    var child = path is null ? name : $"{path}.{name}";
                    if (!seen.Add(name))
                    {
                        throw ApiException.GivenTwice(child);
                    }

                    if (path is not null || Array.IndexOf(opaque, name) < 0)
                    {
                        RefuseDuplicates(property.Value, child, []);
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    RefuseDuplicates(item, $"{path}[{index++}]", []);
                }

                break;
        }
    }

    private static string Format(long number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Format(double number) => number.ToString(CultureInfo.InvariantCulture);
}
