using System.Text.Json;
using HiveOrleans.Wire;

namespace HiveOrleans.Gateway.Wire;

/// <summary>
/// A result written straight to the response with a <see cref="Utf8JsonWriter"/>, no intermediate objects: for the
/// hand-written hot-path documents (<see cref="TaskDocument"/>, <see cref="AcknowledgementDocument"/>). Every other
/// answer is a record of HiveOrleans.Wire written by <see cref="WireJsonResult{T}"/>.
/// </summary>
internal sealed class JsonWriterResult(int statusCode, Action<Utf8JsonWriter> write) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(httpContext.Response.Body, WireJson.WriterOptions);
        write(writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
