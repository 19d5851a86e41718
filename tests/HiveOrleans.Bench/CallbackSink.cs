using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
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
/// Callback receivers on 127.0.0.1: one Kestrel app listening on one or more ports, each port a distinct destination
/// for the gateway's per-destination bound. A healthy receiver answers every POST with 200 and notes when each task's
/// first callback arrived (a <see cref="Stopwatch"/> timestamp), keyed by the task_id in the JSON body; a receiver
/// that is down answers 503 and counts the attempts.
/// </summary>
internal sealed class CallbackSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _arrivals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _refusedAttempts = new(StringComparer.Ordinal);
    private HashSet<int> _downPorts = [];
    private int _duplicates;
    private int _unreadable;

    private CallbackSink(WebApplication app) => _app = app;

    /// <summary>Every receiver's callback URL, and whether it is down.</summary>
    public IReadOnlyList<(Uri Url, bool Down)> Receivers { get; private set; } = [];

    public Uri Url => Receivers[0].Url;

    /// <summary>Callbacks for a task that had already called back (delivery is at-least-once).</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    /// <summary>POSTs whose body carried no task_id.</summary>
    public int Unreadable => Volatile.Read(ref _unreadable);

    /// <summary>Attempts the down receivers answered with 503, by task.</summary>
    public IReadOnlyDictionary<string, int> RefusedAttempts => _refusedAttempts;

    /// <summary>Starts <paramref name="receivers"/> receivers, of which <paramref name="down"/>, spread evenly, answer 503.</summary>
    public static async Task<CallbackSink> StartAsync(int receivers = 1, int down = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var i = 0; i < receivers; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new CallbackSink(app);
        app.MapPost("/callback", sink.ReceiveAsync);
        await app.StartAsync();
        var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(new Uri(address), "/callback")).ToArray();
        var every = down == 0 ? int.MaxValue : receivers / down;
        sink.Receivers = [.. urls.Select((url, i) => (url, i % every == every - 1))];
        sink._downPorts = [.. sink.Receivers.Where(r => r.Down).Select(r => r.Url.Port)];
        return sink;
    }

    /// <summary>How many tasks' first callbacks arrived between two <see cref="Stopwatch"/> timestamps.</summary>
    public int CountArrivals(long from, long to) => _arrivals.Values.Count(t => t >= from && t < to);

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
        else if (_downPorts.Contains(request.HttpContext.Connection.LocalPort))
        {
            _refusedAttempts.AddOrUpdate(taskId, 1, (_, n) => n + 1);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        else if (!_arrivals.TryAdd(taskId, arrived))
        {
            Interlocked.Increment(ref _duplicates);
        }

        return Results.Ok();
    }
}
