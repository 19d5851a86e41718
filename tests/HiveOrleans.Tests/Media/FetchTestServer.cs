using System.Collections.Concurrent;
using System.Net;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Tests.Media;

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener) answering each request with a handler. Handlers get a token that
/// ends when the server is disposed, so a server that drips or stalls never outlives its test.
/// </summary>
internal sealed class FetchTestServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<HttpListenerContext, CancellationToken, Task> _handle;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentBag<Task> _handlers = [];
    private readonly Task _accepting;

    private FetchTestServer(HttpListener listener, int port, Func<HttpListenerContext, CancellationToken, Task> handle)
    {
        _listener = listener;
        _handle = handle;
        Port = port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Every request's path and query, in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every request's User-Agent, in arrival order.</summary>
    public ConcurrentQueue<string?> UserAgents { get; } = new();

    public Uri Url(string pathAndQuery = "/") => new($"http://127.0.0.1:{Port}{pathAndQuery}");

    public static FetchTestServer Start(Func<HttpListenerContext, CancellationToken, Task> handle)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreeTcpPort.Next();
            var listener = new HttpListener();

            // Both names bind 127.0.0.1; the second lets requests for http://localhost:port/ match.
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Prefixes.Add($"http://localhost:{port}/");
            try
            {
                listener.Start();
                return new FetchTestServer(listener, port, handle);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    public static Func<HttpListenerContext, CancellationToken, Task> Bytes(byte[] body, string contentType = "application/octet-stream") =>
        async (context, cancellationToken) =>
        {
            context.Response.ContentType = contentType;
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body, cancellationToken);
        };

    public static Func<HttpListenerContext, CancellationToken, Task> Redirect(string location, int status = 302) =>
        (context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.RedirectLocation = location;
            return Task.CompletedTask;
        };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        _listener.Close();
        await Task.WhenAll([_accepting, .. _handlers]).WaitAsync(TimeSpan.FromSeconds(5));
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }

            Requests.Enqueue(context.Request.Url!.PathAndQuery);
            UserAgents.Enqueue(context.Request.UserAgent);
            _handlers.Add(Task.Run(() => HandleAsync(context)));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await _handle(context, _stopping.Token);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client went away (which is what many of these tests make it do) or the server is stopping.
            try
            {
                context.Response.Abort();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
