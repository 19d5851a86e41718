using System.Net;
using System.Net.Sockets;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Auth;

/// <summary>
/// Key guessing from one address is slowed down without touching anyone else: clients here connect from different
/// loopback addresses (127.0.0.2, 127.0.0.3), as different hosts would.
/// </summary>
public sealed class AuthFailureThrottleTests : IAsyncLifetime
{
    private const int Limit = 5;

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hive-throttle-" + Guid.NewGuid().ToString("n")[..12]);
    private GatewayServer _server = null!;

    public async Task InitializeAsync() => _server = await GatewayServer.StartEmbeddedAsync(_dataDirectory, new Dictionary<string, string?>
    {
        ["HiveOrleans:Gateway:AuthFailureLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HiveOrleans:Gateway:AuthFailureWindow"] = "00:05:00",
    });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task An_address_that_keeps_failing_authentication_gets_429_and_other_addresses_do_not()
    {
        var project = await _server.Client.CreateProjectAsync("throttled");
        using var guesser = ClientFrom(IPAddress.Parse("127.0.0.2"));
        using var neighbour = ClientFrom(IPAddress.Parse("127.0.0.3"));

        for (var i = 0; i < Limit; i++)
        {
            var (status, _) = await guesser.SubmitTextAsync($"guess-{i}", "sync", "hello");
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }

        using (var blocked = await guesser.SendAsync(Submission("guess-again")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            Assert.NotNull(blocked.Headers.RetryAfter?.Delta);
            Assert.Contains("\"return_code\":429", await blocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The address is blocked whatever it sends, a live key included, until its window ends.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.SubmitTextAsync(project.Key, "sync", "hello")).Status);

        // Another address is untouched: its good key works and its bad key is an ordinary 403.
        Assert.Equal(HttpStatusCode.OK, (await neighbour.SubmitTextAsync(project.Key, "sync", "hello")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await neighbour.SubmitTextAsync("not-a-key", "sync", "hello")).Status);
    }

    private static HttpRequestMessage Submission(string key) =>
        new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text_data"] = "hello" }) }.WithToken(key);

    /// <summary>A client whose connections leave from <paramref name="source"/>.</summary>
    private HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = _server.Address,
    };
}
