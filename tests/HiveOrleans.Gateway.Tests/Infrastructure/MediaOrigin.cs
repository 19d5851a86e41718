using System.Collections.Concurrent;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 that plays the caller's media host for <c>url</c> submissions: it serves files a
/// test puts in it, redirects, drips a body slowly, streams a body of any size without a Content-Length, and holds a
/// file back until the test lets it go.
/// </summary>
public sealed class MediaOrigin : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string ContentType)> _files = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
    private int _requests;

    private MediaOrigin(WebApplication app) => _app = app;

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; private set; } = null!;

    /// <summary>How many requests arrived so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The address at which <paramref name="bytes"/> are served (with a Content-Type that need not be true).</summary>
    public Uri Serve(string name, byte[] bytes, string contentType = "application/octet-stream")
    {
        _files[name] = (bytes, contentType);
        return new Uri(Root, "files/" + name);
    }

    /// <summary>
    /// An address that serves <paramref name="bytes"/> only once <see cref="Release"/> is called for <paramref name="name"/>:
    /// a download that starts now and ends when the test says.
    /// </summary>
    public Uri Held(string name, byte[] bytes, string contentType = "application/octet-stream")
    {
        _held[name] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Serve(name, bytes, contentType);
        return new Uri(Root, "held/" + name);
    }

    /// <summary>Lets the held download of <paramref name="name"/> finish.</summary>
    public void Release(string name) => _held[name].TrySetResult();

    /// <summary>An address that answers 302 to <paramref name="target"/>.</summary>
    public Uri RedirectTo(Uri target) => new(Root, "redirect?to=" + Uri.EscapeDataString(target.ToString()));

    /// <summary>An address that sends headers at once, then one byte every <paramref name="every"/>, for <paramref name="bytes"/> bytes.</summary>
    public Uri Slow(int bytes, TimeSpan every) => new(Root, $"slow?bytes={bytes}&ms={(int)every.TotalMilliseconds}");

    /// <summary>An address that streams <paramref name="bytes"/> bytes of a JPEG-looking body with no Content-Length.</summary>
    public Uri Endless(long bytes) => new(Root, $"chunked?bytes={bytes}");

    public static async Task<MediaOrigin> StartAsync()
    {
        var app = LoopbackKestrel.Create();
        var origin = new MediaOrigin(app);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref origin._requests);
            return next(context);
        });
        app.MapGet("/files/{name}", (string name) =>
            origin._files.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.ContentType) : Results.NotFound());
        app.MapGet("/held/{name}", async (string name, HttpContext context) =>
        {
            if (!origin._held.TryGetValue(name, out var gate) || !origin._files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }

            await gate.Task.WaitAsync(context.RequestAborted);
            return Results.Bytes(file.Bytes, file.ContentType);
        });
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapGet("/slow", async (HttpContext context, int bytes, int ms) =>
        {
            context.Response.ContentType = "image/jpeg";
            await context.Response.StartAsync(context.RequestAborted);
            for (var i = 0; i < bytes && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(new byte[] { 0xFF }, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(ms, context.RequestAborted);
            }
        });
        app.MapGet("/chunked", async (HttpContext context, long bytes) =>
        {
            context.Response.ContentType = "image/jpeg";
            var chunk = new byte[64 * 1024];
            chunk[0] = 0xFF;
            chunk[1] = 0xD8;
            chunk[2] = 0xFF;
            for (long sent = 0; sent < bytes && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                var size = (int)Math.Min(chunk.Length, bytes - sent);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, size), context.RequestAborted);
                chunk[0] = chunk[1] = chunk[2] = 0;
            }
        });
        origin.Root = await LoopbackKestrel.StartAsync(app);
        return origin;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
