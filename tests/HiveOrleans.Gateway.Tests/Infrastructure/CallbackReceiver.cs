using System.Net;
using System.Threading.Channels;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 that records every POST it receives (body and webhook headers) and answers with
/// whatever <see cref="Respond"/> says for the n-th request (counting from 1); 200 unless a test says otherwise.
/// </summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedCallback> _received = Channel.CreateUnbounded<ReceivedCallback>();
    private int _count;

    private CallbackReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public Func<int, HttpStatusCode> Respond { get; set; } = _ => HttpStatusCode.OK;

    /// <summary>How many requests arrived so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <param name="port">A fixed port, for a receiver that must come back where callbacks were failing; 0 for any.</param>
    public static async Task<CallbackReceiver> StartAsync(int port = 0)
    {
        var app = LoopbackKestrel.Create(port);
        var receiver = new CallbackReceiver(app);
        app.MapPost("/hook/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var number = Interlocked.Increment(ref receiver._count);
            var status = receiver.Respond(number);
            await receiver._received.Writer.WriteAsync(new ReceivedCallback(
                context.Request.Path,
                context.Request.ContentType,
                body,
                context.Request.Headers["webhook-id"].ToString(),
                context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(),
                (int)status));
            return Results.StatusCode((int)status);
        });
        receiver.Url = new Uri(await LoopbackKestrel.StartAsync(app), "/hook/");
        return receiver;
    }

    /// <summary>Every request as it arrives, until the receiver is disposed.</summary>
    public IAsyncEnumerable<ReceivedCallback> ReadAllAsync(CancellationToken cancellationToken) => _received.Reader.ReadAllAsync(cancellationToken);

    /// <summary>Waits for the next callback, failing the test if none arrives before the deadline.</summary>
    public async Task<ReceivedCallback> NextAsync(TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(30));
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No callback arrived before the deadline.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
