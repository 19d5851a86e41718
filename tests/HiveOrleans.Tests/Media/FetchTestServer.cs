using System.Collections.Concurrent;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HiveOrleans.Tests.Media;

/// <summary>
/// A real HTTP server (Kestrel) on 127.0.0.1, on a port it picks itself, answering each request with a handler;
/// requests for any host name reach it, so <c>http://localhost:port/</c> works too. Handlers get a token that ends
/// when the server is disposed, so a server that drips or stalls never outlives its test.
/// </summary>
internal sealed class FetchTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();

    private FetchTestServer(WebApplication app) => _app = app;

    public int Port { get; private set; }

    /// <summary>Every request's path and query, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every request's User-Agent, in arrival order.</summary>
    public ConcurrentQueue<string?> UserAgents { get; } = new();

    public Uri Url(string pathAndQuery = "/") => new($"http://127.0.0.1:{Port}{pathAndQuery}");

    public static async Task<FetchTestServer> StartAsync(Func<HttpContext, CancellationToken, Task> handle)
    {
        var app = LoopbackKestrel.Create();
        var server = new FetchTestServer(app);
        app.Run(async context =>
        {
            server.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            server.UserAgents.Enqueue(context.Request.Headers.UserAgent.Count == 0 ? null : context.Request.Headers.UserAgent.ToString());
            try
            {
                await handle(context, server._stopping.Token);
            }
            catch (Exception)
            {
                // The client went away (which is what many of these tests make it do) or the server is stopping.
                context.Abort();
            }
        });
        server.Port = (await LoopbackKestrel.StartAsync(app)).Port;
        return server;
    }

    public static Func<HttpContext, CancellationToken, Task> Bytes(byte[] body, string contentType = "application/octet-stream") =>
        async (context, cancellationToken) =>
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, cancellationToken);
        };

    public static Func<HttpContext, CancellationToken, Task> Redirect(string location, int status = 302) =>
        (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(deadline.Token);
        }

        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
