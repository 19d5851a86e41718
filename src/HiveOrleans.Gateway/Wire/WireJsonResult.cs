using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HiveOrleans.Wire;

namespace HiveOrleans.Gateway.Wire;

/// <summary>
/// An answer that is one of HiveOrleans.Wire's documents, serialised by its source-generated
/// <paramref name="typeInfo"/> (from <see cref="WireJson.Context"/>).
/// </summary>
internal sealed class WireJsonResult<T>(int statusCode, T document, JsonTypeInfo<T> typeInfo) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        return WireJsonResult.WriteAsync(httpContext.Response, document, typeInfo, httpContext.RequestAborted);
    }
}

/// <summary>Shorthands for <see cref="WireJsonResult{T}"/>, and the one way a document is written to a response.</summary>
internal static class WireJsonResult
{
    public static WireJsonResult<T> Ok<T>(T document, JsonTypeInfo<T> typeInfo) => new(StatusCodes.Status200OK, document, typeInfo);

    public static WireJsonResult<T> Created<T>(T document, JsonTypeInfo<T> typeInfo) => new(StatusCodes.Status201Created, document, typeInfo);

    /// <summary>
    /// Writes <paramref name="document"/> as the response body with the wire's escaping. It is serialised into the
    /// response's pipe, not its stream: the serialiser flushes its writer synchronously, which Kestrel's stream refuses.
    /// </summary>
    public static async Task WriteAsync<T>(HttpResponse response, T document, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter, WireJson.WriterOptions))
        {
            JsonSerializer.Serialize(writer, document, typeInfo);
        }

        await response.BodyWriter.FlushAsync(cancellationToken);
    }
}
