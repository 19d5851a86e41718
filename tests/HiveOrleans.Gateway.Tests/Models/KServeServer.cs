using System.Text.Json;
using HiveOrleans.Tests.Infrastructure;
using HiveOrleans.Tests.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HiveOrleans.Gateway.Tests.Models;

/// <summary>
/// A KServe v2 inference server on 127.0.0.1 (real Kestrel) computing <see cref="TinyImageNet"/> by hand: model
/// <c>tiny</c>, input <c>pixels</c> FP32 [N, 3, 2, 2], output <c>scores</c> [N, 3]. A wrong input name or shape is a
/// 400 with KServe's <c>{"error"}</c>. Tests can make it fail the next requests with 503, answer slowly, and read how
/// many requests it had open at once.
/// </summary>
internal sealed class KServeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _open;
    private int _maxOpen;
    private int _failures;
    private int _requests;

    private KServeServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The most requests it had open at once.</summary>
    public int MaxOpen => Volatile.Read(ref _maxOpen);

    /// <summary>Inference requests received, failed ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How long each request takes before it answers.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>The next <paramref name="count"/> requests answer 503.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failures, count);

    public static async Task<KServeServer> StartAsync()
    {
        var app = LoopbackKestrel.Create();
        var server = new KServeServer(app);
        app.MapPost("/v2/models/{name}/infer", (string name, HttpContext context) => server.InferAsync(name, context));
        server.BaseUrl = await LoopbackKestrel.StartAsync(app);
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IResult> InferAsync(string name, HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var open = Interlocked.Increment(ref _open);
        try
        {
            int seen;
            while ((seen = Volatile.Read(ref _maxOpen)) < open && Interlocked.CompareExchange(ref _maxOpen, open, seen) != seen)
            {
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, CancellationToken.None);
            }

            if (Interlocked.Decrement(ref _failures) >= 0)
            {
                return Results.Json(new { error = "overloaded" }, statusCode: 503);
            }

            if (name != "tiny")
            {
                return Results.Json(new { error = $"Request for unknown model: '{name}' is not found" }, statusCode: 404);
            }

            using var request = await JsonDocument.ParseAsync(context.Request.Body);
            var input = request.RootElement.GetProperty("inputs")[0];
            var shape = input.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (input.GetProperty("name").GetString() != "pixels")
            {
                return Results.Json(new { error = $"unexpected inference input '{input.GetProperty("name").GetString()}' for model 'tiny'" }, statusCode: 400);
            }

            if (shape.Length != 4 || shape[1] != 3 || shape[2] != TinyImageNet.Side || shape[3] != TinyImageNet.Side)
            {
                return Results.Json(new { error = $"unexpected shape for input 'pixels' for model 'tiny'. Expected [-1,3,2,2], got [{string.Join(",", shape)}]" }, statusCode: 400);
            }

            var data = input.GetProperty("data").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var scores = Enumerable.Range(0, (int)shape[0]).SelectMany(i => TinyImageNet.Scores(data.AsSpan(i * 12, 12))).ToArray();
            return Results.Json(new
            {
                model_name = "tiny",
                outputs = new[] { new { name = "scores", shape = new[] { shape[0], 3 }, datatype = "FP32", data = scores } },
            });
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
