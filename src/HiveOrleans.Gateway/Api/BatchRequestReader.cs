using System.Text.Json;
using HiveOrleans.Abstractions.Batches;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire.Rules;
using Microsoft.AspNetCore.Http.Features;

namespace HiveOrleans.Gateway.Api;

/// <summary>
/// Reads a batch request: a JSON array of up to <see cref="BatchLimits.MaxJsonItems"/> items, or NDJSON
/// (<c>application/x-ndjson</c>) streamed a line at a time (<see cref="NdjsonItems"/>). Whatever is wrong with the
/// request as a whole (its type, its size, a JSON body that is no array) is thrown before any item is taken in; what is
/// wrong with one item is that item's error.
/// </summary>
internal static class BatchRequestReader
{
    public const string NdjsonContentType = "application/x-ndjson";

    /// <summary>The batch-level <c>callback_url</c> query parameter, checked like a task's.</summary>
    public static string? CallbackUrl(HttpRequest request)
    {
        var values = request.Query["callback_url"];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw ApiException.GivenTwice("callback_url");
        }

        var url = values[0]!;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw ApiException.BadRequest("'callback_url' must be an absolute http or https URL.");
    }

    public static async Task<IAsyncEnumerable<BatchItem>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (IsNdjson(request))
        {
            Limit(request, BatchLimits.MaxNdjsonBodyBytes);
            return NdjsonItems.ReadAsync(request.Body, cancellationToken);
        }

        if (request.HasJsonContentType())
        {
            Limit(request, BatchLimits.MaxJsonBodyBytes);
            return Enumerate(await ReadArrayAsync(request.Body, cancellationToken));
        }

        throw new ApiException(StatusCodes.Status415UnsupportedMediaType,
            $"Content type '{request.ContentType}' is not supported for a batch; send application/json (an array of items) or {NdjsonContentType} (one item per line).");
    }

    /// <summary>One item's fields from its JSON value; anything wrong with it becomes its error.</summary>
    public static BatchItem Item(JsonElement value)
    {
        try
        {
            JsonFields.CheckObject(value, "An item must be a JSON object with the task's fields.", "metadata");
            if (JsonFields.Field(value, "media") is not null)
            {
                throw ApiException.BadRequest(
                    "'media' uploads cannot be batched; give the media's address in 'url', or upload it with POST /api/v2/task/async as multipart/form-data.");
            }

            return BatchItem.Of(TaskRequestReader.FieldsOf(value));
        }
        catch (ApiException ex)
        {
            return BatchItem.Unreadable(ex);
        }
    }

    private static bool IsNdjson(HttpRequest request) =>
        request.ContentType is { } type && type.Split(';')[0].Trim().Equals(NdjsonContentType, StringComparison.OrdinalIgnoreCase);

    private static void Limit(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
    }

    internal static ApiException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The batch body is over its limit of {limit} bytes.");

    private static async Task<JsonElement> ReadArrayAsync(Stream body, CancellationToken cancellationToken)
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

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"The JSON body must be an array of items; to send more than {BatchLimits.MaxJsonItems}, send {NdjsonContentType}.");
        }

        var count = root.GetArrayLength();
        if (count == 0)
        {
            throw ApiException.BadRequest("The batch has no items.");
        }

        return count <= BatchLimits.MaxJsonItems
            ? root
            : throw new ApiException(StatusCodes.Status413PayloadTooLarge,
                $"The batch has {count} items; a JSON body takes at most {BatchLimits.MaxJsonItems}. Send {NdjsonContentType} for up to {BatchLimits.MaxNdjsonLines} lines.");
    }

#pragma warning disable CS1998 // An async iterator over items already in memory, so both bodies read the same way.
    private static async IAsyncEnumerable<BatchItem> Enumerate(JsonElement array)
#pragma warning restore CS1998
    {
        foreach (var value in array.EnumerateArray())
        {
            yield return Item(value);
        }
    }
}
