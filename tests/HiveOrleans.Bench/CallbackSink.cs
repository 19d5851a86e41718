using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Bench;

/// <summary>
/// A callback receiver on 127.0.0.1: Kestrel answering every POST with 200 and noting when each task's first
/// callback arrived (a <see cref="Stopwatch"/> timestamp), keyed by the task_id in the JSON body.
/// </summary>
internal sealed class CallbackSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private int _duplicates;
    private int _unreadable;

    private CallbackSink(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Callbacks for a task that had already called back (delivery is at-least-once).</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>POSTs whose body carried no task_id.</summary>
    public int Unreadable => Volatile.Read(ref _unreadable);

    public static async Task<CallbackSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new CallbackSink(app);
        app.MapPost("/callback", sink.ReceiveAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.Url = new Uri(new Uri(address), "/callback");
        return sink;
    }

    /// <summary>When the first callback for <paramref name="taskId"/> arrived, if it has.</summary>
    public bool TryGetArrival(string taskId, out long timestamp) => _arrivals.TryGetValue(taskId, out timestamp);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var arrived = Stopwatch.GetTimestamp();
        string? taskId = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("task_id", out var id))
            {
                taskId = id.GetString();
            }
        }
        catch (JsonException)
        {
            // Counted below: a callback we cannot match is a finding, not a crash.
        }

        if (string.IsNullOrEmpty(taskId))
        {
            Interlocked.Increment(ref _unreadable);
        }
        else if (!_arrivals.TryAdd(taskId, arrived))
        {
            Interlocked.Increment(ref _duplicates);
        }

        return Results.Ok();
    }
}
