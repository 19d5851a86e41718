using HiveOrleans.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// A callback receiver in one line: <c>app.MapHiveOrleansCallback("/hook", async (TaskResult task, CancellationToken ct) =&gt; ...)</c>.
/// The endpoint reads the raw body, verifies it with <see cref="CallbackVerifier"/> (401 when the signature or
/// timestamp does not verify, so the gateway retries and nothing unverified reaches your code), parses the Task object
/// (400 if it is not one) and calls the handler; 200 when the handler returns, so the gateway stops retrying.
/// </summary>
public static class HiveOrleansCallbackEndpoints
{
    /// <summary>Maps a callback receiver verified by the <see cref="CallbackVerifier"/> registered with <c>services.AddHiveOrleansCallbackVerifier(...)</c>.</summary>
    public static IEndpointConventionBuilder MapHiveOrleansCallback(this IEndpointRouteBuilder endpoints, string pattern, Func<TaskResult, CancellationToken, Task> handler) =>
        Map(endpoints, pattern, context => context.RequestServices.GetRequiredService<CallbackVerifier>(), handler);

    /// <summary>As the overload with a cancellation token, for a handler that does not need one.</summary>
    public static IEndpointConventionBuilder MapHiveOrleansCallback(this IEndpointRouteBuilder endpoints, string pattern, Func<TaskResult, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapHiveOrleansCallback(pattern, (task, _) => handler(task));
    }

    /// <summary>Maps a callback receiver verified by <paramref name="verifier"/>.</summary>
    public static IEndpointConventionBuilder MapHiveOrleansCallback(this IEndpointRouteBuilder endpoints, string pattern, CallbackVerifier verifier, Func<TaskResult, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return Map(endpoints, pattern, _ => verifier, handler);
    }

    private static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string pattern, Func<HttpContext, CallbackVerifier> verifierOf, Func<TaskResult, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapPost(pattern, async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
            var headers = context.Request.Headers;
            TaskResult task;
            try
            {
                task = verifierOf(context).ReadVerified(
                    headers[CallbackVerifier.IdHeader], headers[CallbackVerifier.TimestampHeader], headers[CallbackVerifier.SignatureHeader],
                    body.GetBuffer().AsSpan(0, (int)body.Length));
            }
            catch (HiveOrleansException refused)
            {
                context.Response.StatusCode = refused.ReturnCode;
                await context.Response.WriteAsJsonAsync(new { return_code = refused.ReturnCode, message = refused.Message }, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            await handler(task, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
    }
}
