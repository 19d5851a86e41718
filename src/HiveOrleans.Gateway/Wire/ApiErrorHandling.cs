using System.Data.Common;
using System.Net.Sockets;
using HiveOrleans.Abstractions.Banks;
using HiveOrleans.Abstractions.Health;
using HiveOrleans.Abstractions.Models;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Wire;
using Microsoft.AspNetCore.Http.Features;
using Orleans.Runtime;

namespace HiveOrleans.Gateway.Wire;

/// <summary>
/// The one place where failures become the contract's JSON error: <c>{"return_code": status, "message": "..."}</c>.
/// Failures are told apart by their type, never by their message text: a caller's mistake is a 4xx naming it; a
/// store or cluster that cannot be reached is a 503 with <c>Retry-After</c> (nothing was acknowledged, so a retry is
/// safe); anything else is a fault of ours, a logged 500, so that a caller is never told to retry what cannot work.
/// Answers that carry a status but no body (no route, a wrong method, a route value or query that does not bind)
/// get the same JSON body from <see cref="UseJsonStatusBodies"/>.
/// </summary>
internal static partial class ApiErrorHandling
{
    public const int RetryAfterSeconds = 5;

    public static IApplicationBuilder UseApiErrors(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Kestrel reports most framing errors as BadHttpRequestException, but some as a plain IOException (a chunk
            // size that overflows); both are the client's.
            context.Request.Body = new ClientReadStream(context.Request.Body, static ex => ex is BadHttpRequestException ? null : UnreadableBody(ex));
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted)
            {
                var error = Classify(ex);
                if (error.StatusCode >= 500)
                {
                    var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("HiveOrleans.Gateway.Errors");
                    LogServerError(logger, context.Request.Method, context.Request.Path, error.StatusCode, ex);
                }

                // A client that has gone (or half-closed, which Kestrel treats as gone) reads no answer; letting the
                // exception escape would only have Kestrel log a caller's mistake as a failure of ours.
                if (!context.RequestAborted.IsCancellationRequested)
                {
                    await WriteAsync(context, error);
                }
            }
        });

    /// <summary>Gives every bodiless 4xx/5xx the app answers (404 for no route or a failed route constraint, 405,
    /// a 400 from parameter binding) the contract's JSON body, naming what was asked for.</summary>
    public static IApplicationBuilder UseJsonStatusBodies(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            var request = $"{context.Request.Method} {context.Request.Path}";
            var message = context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => $"Nothing is at {request}: no such path, or a path value of the wrong form.",
                StatusCodes.Status405MethodNotAllowed => $"{request}: this method is not allowed on this path.",
                var code => $"{request} could not be served ({code}).",
            };
            await WriteAsync(context, new ApiException(context.Response.StatusCode, message));
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

        await WireJsonResult.WriteAsync(context.Response, new ErrorDocument(error.StatusCode, error.Message, error.TaskId, error.Reason), WireJson.Context.ErrorDocument, CancellationToken.None);
    }

    /// <summary>The error a caller gets for <paramref name="ex"/>; a batch answers each item's failure with it.</summary>
    internal static ApiException Classify(Exception ex) => ex switch
    {
        ApiException api => api,
        ProjectRequestException { NotFound: true } project => new ApiException(StatusCodes.Status404NotFound, project.Message),
        ProjectRequestException project => ApiException.BadRequest(project.Message),
        ReviewerRequestException { NotFound: true } reviewer => new ApiException(StatusCodes.Status404NotFound, reviewer.Message),
        ReviewerRequestException reviewer => ApiException.BadRequest(reviewer.Message),
        TaskRequestException task => ApiException.BadRequest(task.Message),
        HashBankRequestException bank => new ApiException(StatusOf(bank.Error), bank.Message),
        ModelRequestException model => new ApiException(StatusOf(model.Error), model.Message),

        // Kestrel's framing errors (a bad chunk size, a body cut short, a body over the limit) and minimal APIs'
        // binding failures (RouteHandlerOptions.ThrowOnBadRequest): the status is Kestrel's, the message names what.
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
        BadHttpRequestException bad => new ApiException(bad.StatusCode, $"The request could not be read: {bad.Message}"),

        // Form and multipart readers: a malformed body or one past a count or length limit of the reader. Size limits
        // that matter are the project's, enforced by Kestrel before these (a 413 above).
        InvalidDataException data => ApiException.BadRequest($"The request body could not be read: {data.Message}"),
        _ when IsUnavailable(ex) => new ApiException(StatusCodes.Status503ServiceUnavailable,
            "The service could not store or read the task right now; nothing was accepted. Retry shortly.")
        {
            RetryAfterSeconds = RetryAfterSeconds,
        },
        _ => new ApiException(StatusCodes.Status500InternalServerError,
            "The service failed to carry out the request; the fault is ours and has been logged. Nothing was accepted."),
    };

    /// <summary>The store or the cluster could not be reached, here or wrapped by whatever called it.</summary>
    private static bool IsUnavailable(Exception ex) => ex switch
    {
        DbException or StoreUnavailableException or OrleansException or TimeoutException or SocketException => true,

        // Not the caller's cancellation (that request is never answered): the host stopping, or a call's deadline.
        OperationCanceledException => true,

        // The media store's own disk; every failure to read the request body is a BadHttpRequestException by now
        // (UseApiErrors wraps it in a ClientReadStream), answered above.
        IOException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnavailable),
        { InnerException: { } inner } => IsUnavailable(inner),
        _ => false,
    };

    /// <summary>A refused bank request: 404 for an unknown bank, 409 for a name taken, 400 for a value that breaks a rule.</summary>
    private static int StatusOf(HashBankError error) => error switch
    {
        HashBankError.NotFound => StatusCodes.Status404NotFound,
        HashBankError.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>A refused model request: 404 for an unknown model, 409 for one projects still run, 400 for a bad definition or a failed probe.</summary>
    private static int StatusOf(ModelError error) => error switch
    {
        ModelError.NotFound => StatusCodes.Status404NotFound,
        ModelError.InUse => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    private static ApiException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "The request body is over this project's limit.");

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Status}")]
    private static partial void LogServerError(ILogger logger, string method, string path, int status, Exception exception);

    private static BadHttpRequestException UnreadableBody(IOException ex) =>
        new($"{ex.Message.TrimEnd('.')}.", StatusCodes.Status400BadRequest, ex);
}
