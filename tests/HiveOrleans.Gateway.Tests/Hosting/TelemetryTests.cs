using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Hosting;

public sealed class TelemetryTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    [Fact]
    public async Task One_trace_spans_the_request_and_the_grain_calls_it_makes()
    {
        // The caller's trace: HttpClient sends it as traceparent, the gateway continues it, and so must the grain calls.
        using var caller = new Activity("caller").Start();
        var traceId = caller.TraceId;
        var seen = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    seen.Add(activity.Source.Name + " " + activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text_data"] = "trace me" }),
        };
        var (status, _) = await gateway.Client.SendJsonAsync(request.WithToken(gateway.Project.Key));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(seen, name => name.Contains("ITaskGrain", StringComparison.Ordinal));
    }
}
