using System.Text.Json;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Abstractions.Wire;
using Microsoft.AspNetCore.Http.Features;

namespace HiveOrleans.Gateway.Wire;

/// <summary>
/// The one place where failures become the contract's JSON error: <c>{"return_code": status, "message": "..."}</c>.
/// Anything that is not the caller's fault and not otherwise classified means the request was not carried out,
/// so it is a 503 with <c>Retry-After</c>: the caller may safely retry, because nothing was acknowledged.
/// </summary>
internal static partial class ApiErrorHandling
{
    public const int RetryAfterSeconds = 5;

    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                var error = Classify(ex);
                if (error.StatusCode >= 500)
                {
                    var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HiveOrleans.Gateway.Errors");
                    LogServerError(logger, context.Request.Method, context.Request.Path, error.StatusCode, ex);
                }

                await WriteAsync(context, error);
            }
        });

    public static async Task WriteAsync(HttpContext context, ApiException error)
    {
        context.Response.Clear();
        context.Response.StatusCode = error.StatusCode;
        if (error.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (error.Challenge is { } challenge)
        {
            context.Response.Headers.WWWAuthenticate = challenge;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body, WireJson.WriterOptions);
        writer.WriteStartObject();
        writer.WriteNumber("return_code", error.StatusCode);
        writer.WriteString("message", error.Message);
        if (error.TaskId is { } taskId)
        {
            writer.WriteString("task_id", taskId.ToString());
        }

        writer.WriteEndObject();
    }

    private static ApiException Classify(Exception ex) => ex switch
    {
        ApiException api => api,
        ProjectRequestException { NotFound: true } project => new ApiException(StatusCodes.Status404NotFound, project.Message),
        ProjectRequestException project => ApiException.BadRequest(project.Message),
        TaskRequestException task => ApiException.BadRequest(task.Message),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
        BadHttpRequestException bad => new ApiException(bad.StatusCode, $"The request could not be read: {bad.Message}"),
        InvalidDataException data when data.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) =>
            new ApiException(StatusCodes.Status413PayloadTooLarge, $"The request is over a size limit: {data.Message}"),
        InvalidDataException data => ApiException.BadRequest($"The request body could not be read: {data.Message}"),
        _ => new ApiException(StatusCodes.Status503ServiceUnavailable,
            "The service could not store or read the task right now; nothing was accepted. Retry shortly.")
        {
            RetryAfterSeconds = RetryAfterSeconds,
        },
    };

    private static ApiException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "The request body is over this project's limit.");

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private static partial void LogServerError(ILogger logger, string method, string path, int status, Exception exception);
}
