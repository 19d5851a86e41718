using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Wire;

/// <summary>
/// A few hundred hostile requests of every kind issue #12 lists, generated from a fixed seed, against a real gateway
/// (embedded mode). Whatever a request does wrong, the answer is a 4xx (or 2xx) with the contract's JSON body in
/// bounded time, never a 5xx; no callback or URL download reaches the trap listener on loopback, which no allow-list
/// names; and no project sees another's task.
/// </summary>
public sealed class HostileRequestCorpusTests : IAsyncLifetime
{
    private const int Generated = 420;

    private static readonly string[] SubmitPaths = ["/api/v2/task/sync", "/api/v2/task/async", "/api/v1/task/async"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hive-fuzz-" + Guid.NewGuid().ToString("n")[..12]);
    private readonly TcpListener _trap = new(IPAddress.Loopback, 0);
    private int _trapped;
    private GatewayServer _server = null!;

    public async Task InitializeAsync()
    {
        _trap.Start();
        _ = CountTrappedAsync();

        // Only a documentation address is allowed for callbacks, so the loopback trap must refuse everything.
        _server = await GatewayServer.StartEmbeddedAsync(_dataDirectory, new Dictionary<string, string?>
        {
            ["HiveOrleans:Callbacks:AllowList:0"] = "192.0.2.1",
            ["HiveOrleans:Gateway:AuthFailureLimit"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        _trap.Stop();
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Hostile_requests_get_json_4xx_answers_never_reach_loopback_and_never_cross_tenants()
    {
        using var client = new HttpClient { BaseAddress = _server.Address, Timeout = TimeSpan.FromSeconds(15) };
        var mine = await client.CreateProjectAsync("fuzzed");
        var theirs = await client.CreateProjectAsync("neighbour");
        var (created, visual) = await client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "fuzzed visual", model_type = "visual", review = "model_only" });
        Assert.Equal(HttpStatusCode.Created, created);
        var tenants = new Tenants(mine.Key, visual.GetProperty("api_keys")[0].GetString()!, mine.ProjectId, theirs.Key);
        var random = new Random(20261206);
        var acknowledged = new List<string>();
        var failures = new List<string>();

        for (var i = 0; i < Generated; i++)
        {
            var (description, request) = Generate(random, tenants, acknowledged, i);
            using (request)
            {
                var answer = await SendAsync(client, request);
                if (answer.Problem is { } problem)
                {
                    failures.Add($"#{i} {description}: {problem}");
                }
                else if (description.StartsWith(CrossTenant, StringComparison.Ordinal) && answer.Status != HttpStatusCode.NotFound)
                {
                    failures.Add($"#{i} {description}: answered {(int)answer.Status}, not 404");
                }
                else if (answer.TaskId is { } taskId && description.Contains("callback", StringComparison.Ordinal))
                {
                    acknowledged.Add(taskId);
                }
            }
        }

        foreach (var (description, raw, allowed) in RawRequests())
        {
            var problem = await SendRawAsync(raw, allowed);
            if (problem is not null)
            {
                failures.Add($"raw {description}: {problem}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} answers broke the rules:\n{string.Join('\n', failures.Take(20))}");

        // Every accepted task with a loopback callback settles without a connection to the trap; none is visible to
        // the other project.
        foreach (var taskId in acknowledged)
        {
            var settled = await Eventually.UntilAsync(
                async () =>
                {
                    var (status, task) = await client.GetTaskAsync(mine.Key, $"/api/v2/task/{taskId}");
                    Assert.Equal(HttpStatusCode.OK, status);
                    return task;
                },
                task => task.TryGetProperty("callback_stopped", out var stopped) && stopped.ValueKind == JsonValueKind.String,
                TimeSpan.FromSeconds(20),
                $"task {taskId}'s callback to settle");
            Assert.Equal("refused", settled.GetProperty("callback_stopped").GetString());

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetTaskAsync(theirs.Key, $"/api/v2/task/{taskId}")).Status);
        }

        Assert.NotEmpty(acknowledged);
        Assert.Equal(0, Volatile.Read(ref _trapped));
    }

    private const string CrossTenant = "cross-tenant";

    /// <param name="TextKey">A text project's key: most requests use it.</param>
    /// <param name="VisualKey">A visual project's key, for URL fetches and uploads.</param>
    /// <param name="ProjectId">The text project, for the operator API's updates.</param>
    /// <param name="OtherKey">Another text project's key, which must never see the first one's tasks.</param>
    private sealed record Tenants(string TextKey, string VisualKey, long ProjectId, string OtherKey);

    private (string Description, HttpRequestMessage Request) Generate(Random random, Tenants tenants, List<string> acknowledged, int number)
    {
        var key = tenants.TextKey;
        var trap = ((IPEndPoint)_trap.LocalEndpoint).Port;
        string[] loopbacks =
        [
            $"http://127.0.0.1:{trap}/hook", $"http://[::1]:{trap}/hook", $"http://2130706433:{trap}/hook", $"http://0x7f000001:{trap}/hook",
            $"http://localhost:{trap}/hook", $"http://127.1:{trap}/hook", $"http://[::ffff:127.0.0.1]:{trap}/hook", $"http://0.0.0.0:{trap}/hook",
        ];
        string[] badUrls = ["ftp://example.com/x", "javascript:alert(1)", "no-scheme", "http://", "http://[::1", "file:///etc/passwd", ""];
        string[] hostileStrings =
        [
            "x\\ud800", "\\udc00tail", "\\u0000", new string('a', 70_000), "\\\"quoted\\\"", "emoji \\ud83d\\ude00 ok",
        ];
        string[] hostileNumbers = ["1e308", "-1e308", "123456789012345678901234567890", "NaN", "0x10", "-0", "1e-300"];

        var path = SubmitPaths[random.Next(SubmitPaths.Length)];
        switch (random.Next(13))
        {
            case 9:
                var fetched = loopbacks[random.Next(loopbacks.Length)].Replace("/hook", "/picture.png", StringComparison.Ordinal);
                return ($"visual url at loopback {fetched}", Json("/api/v2/task/sync", tenants.VisualKey, $$"""{"url": "{{fetched}}"}"""));
            case 10:
                return Upload(random, tenants.VisualKey);
            case 11:
                return Settings(random, tenants.ProjectId);
            case 12:
                var victim = acknowledged.Count > 0 ? acknowledged[random.Next(acknowledged.Count)] : Guid.NewGuid().ToString();
                var crossing = random.Next(3) switch
                {
                    0 => new HttpRequestMessage(HttpMethod.Get, $"/api/v2/task/{victim}"),
                    1 => new HttpRequestMessage(HttpMethod.Get, $"/api/v2/task?task_id={victim}"),
                    _ => new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{victim}/resend"),
                };
                return ($"{CrossTenant} {crossing.Method} {crossing.RequestUri}", Authorized(crossing, tenants.OtherKey));
            case 0:
                var loopback = loopbacks[random.Next(loopbacks.Length)];
                return ($"async with a loopback callback {loopback}", Json("/api/v2/task/async", key, $$"""{"text_data": "hello {{number}}", "callback_url": "{{loopback}}"}"""));
            case 1:
                var bad = badUrls[random.Next(badUrls.Length)];
                return ($"a bad callback_url '{bad}'", Json("/api/v2/task/async", key, $$"""{"text_data": "hello", "callback_url": "{{bad}}"}"""));
            case 2:
                var target = random.Next(2) == 0 ? loopbacks[random.Next(loopbacks.Length)] : badUrls[random.Next(badUrls.Length)];
                return ($"text project given url '{target}'", Json(path, key, $$"""{"url": "{{target}}"}"""));
            case 3:
                var text = hostileStrings[random.Next(hostileStrings.Length)];
                var field = random.Next(3) switch { 0 => "text_data", 1 => "metadata", _ => "callback_url" };
                return ($"hostile string in {field}", Json(path, key, $$"""{"text_data": "ok", "{{field}}": "{{text}}"}""".Replace("\"text_data\": \"ok\", \"text_data\"", "\"text_data\"", StringComparison.Ordinal)));
            case 4:
                var shape = random.Next(6) switch
                {
                    0 => """{"text_data": 5}""",
                    1 => """{"text_data": ["a"]}""",
                    2 => """{"text_data": {"a": 1}}""",
                    3 => """{"text_data": null}""",
                    4 => """{"text_data": "a", "text_data": "b"}""",
                    _ => new string('[', 2_000) + new string(']', 2_000),
                };
                return ($"wrong JSON shape {shape[..Math.Min(40, shape.Length)]}", Json(path, key, shape));
            case 5:
                var bytes = new byte[random.Next(1, 64)];
                random.NextBytes(bytes);
                var garbage = new ByteArrayContent(bytes);
                garbage.Headers.ContentType = new(random.Next(2) == 0 ? "application/json" : "application/x-www-form-urlencoded");
                return ("random bytes as a body", Authorized(new HttpRequestMessage(HttpMethod.Post, path) { Content = garbage }, key));
            case 6:
                var header = random.Next(6) switch
                {
                    0 => null,
                    1 => "token",
                    2 => "Bearer " + key,
                    3 => "token " + key + " extra",
                    4 => "TOKEN  " + key.ToUpperInvariant(),
                    _ => "token " + new string('k', 5_000),
                };
                var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["text_data"] = "hi" }) };
                if (header is not null)
                {
                    request.Headers.TryAddWithoutValidation("authorization", header);
                }

                return ($"authorization '{header?[..Math.Min(20, header.Length)]}'", request);
            case 7:
                var value = hostileNumbers[random.Next(hostileNumbers.Length)];
                var setting = random.Next(3) switch { 0 => "sync_timeout_seconds", 1 => "max_text_length", _ => "daily_quota" };
                var admin = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/projects")
                {
                    Content = new StringContent($$"""{"name": "n{{value}}", "model_type": "text", "review": "model_only", "{{setting}}": {{value}}}""", Encoding.UTF8, "application/json"),
                };
                admin.Headers.Authorization = new("Bearer", GatewayServer.OperatorToken);
                return ($"project {setting} = {value}", admin);
            default:
                var odd = random.Next(6) switch
                {
                    0 => "/api/v2/task/not-a-guid",
                    1 => "/api/v2/task?task_id=%00",
                    2 => "/admin/v1/projects/abc",
                    3 => "/api/v2/task/" + Guid.NewGuid() + "?frame_offset=-1",
                    4 => "/api/v2/task/" + Guid.NewGuid() + "?frame_limit=1e2",
                    _ => "/api/v2/../admin/v1/projects",
                };
                var get = new HttpRequestMessage(random.Next(2) == 0 ? HttpMethod.Get : HttpMethod.Delete, odd);
                return ($"{get.Method} {odd}", odd.StartsWith("/admin", StringComparison.Ordinal) ? get : Authorized(get, key));
        }
    }

    /// <summary>Uploads that lie: bytes that are not what their type says, names that climb directories, parts twice or empty.</summary>
    private static (string, HttpRequestMessage) Upload(Random random, string key)
    {
        var form = new MultipartFormDataContent();
        var bytes = new byte[random.Next(0, 2_000)];
        random.NextBytes(bytes);
        var kind = random.Next(5);
        if (kind == 1)
        {
            // A PNG signature in front of garbage: sniffed as PNG, then undecodable.
            ((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])[..Math.Min(8, bytes.Length)].CopyTo(bytes);
        }

        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new(random.Next(2) == 0 ? "image/png" : "video/mp4");
        var name = random.Next(3) switch { 0 => "../../etc/passwd", 1 => new string('n', 1_000) + ".png", _ => "pic\u202egnp.exe" };
        form.Add(part, "media", name);
        switch (kind)
        {
            case 2:
                form.Add(new ByteArrayContent(bytes), "media", "second.png");
                break;
            case 3:
                form.Add(new StringContent("and text"), "text_data");
                break;
            case 4:
                form.Add(new StringContent("{\"a\":1,\"a\":2}"), "metadata");
                break;
        }

        return ($"upload kind {kind} of {bytes.Length} bytes named {name[..Math.Min(20, name.Length)]}", Authorized(new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync") { Content = form }, key));
    }

    /// <summary>Project settings of the wrong type, out of range, given twice or with broken strings.</summary>
    private static (string, HttpRequestMessage) Settings(Random random, long projectId)
    {
        var body = random.Next(8) switch
        {
            0 => """{"thresholds": {"violence": "high"}}""",
            1 => """{"thresholds": {"violence": null}}""",
            2 => """{"thresholds": {"violence": {"min": 1}}}""",
            3 => """{"rate_limit": {"per_second": 1e-300}}""",
            4 => """{"max_text_length": 4294968320}""",
            5 => """{"name": "a", "name": "b"}""",
            6 => """{"name": "broken \ud800 name"}""",
            _ => """{"sync_timeout_seconds": -1e20}""",
        };
        var create = random.Next(2) == 0;
        var request = new HttpRequestMessage(create ? HttpMethod.Post : HttpMethod.Patch, create ? "/admin/v1/projects" : $"/admin/v1/projects/{projectId}")
        {
            Content = new StringContent(create ? body.Insert(1, "\"model_type\": \"text\", \"review\": \"model_only\", ") : body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", GatewayServer.OperatorToken);
        return ($"{request.Method} project settings {body}", request);
    }

    private static HttpRequestMessage Json(string path, string key, string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new("application/json");
        return Authorized(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, key);
    }

    private static HttpRequestMessage Authorized(HttpRequestMessage request, string key)
    {
        request.Headers.TryAddWithoutValidation("authorization", "token " + key);
        return request;
    }

    private static async Task<(string? Problem, string? TaskId, HttpStatusCode Status)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return ($"answered {status}: {body[..Math.Min(300, body.Length)]}", null, response.StatusCode);
            }

            JsonElement json;
            try
            {
                using var document = JsonDocument.Parse(body);
                json = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return ($"answered {status} with a body that is not JSON: '{body[..Math.Min(120, body.Length)]}'", null, response.StatusCode);
            }

            if (status >= 400 && !(json.TryGetProperty("return_code", out var code) && code.GetInt32() == status && json.TryGetProperty("message", out _)))
            {
                return ($"answered {status} without the contract's error body: {body[..Math.Min(200, body.Length)]}", null, response.StatusCode);
            }

            return (null, status == 200 && json.TryGetProperty("task_id", out var id) ? id.GetString() : null, response.StatusCode);
        }
        catch (TaskCanceledException)
        {
            return ("no answer within 15 s", null, default);
        }
    }

    /// <summary>
    /// Requests an HTTP client would never send; Kestrel answers framing errors in the headers itself. An HTTP version
    /// it does not speak is answered 505, which is the protocol's own answer, not a failure.
    /// </summary>
    private static IEnumerable<(string Description, string Raw, int? Allowed5xx)> RawRequests()
    {
        const string Body = "{\"text_data\":\"hi\"}";
        yield return ("a chunk size that overflows", "POST /api/v2/task/async HTTP/1.1\r\nHost: x\r\nauthorization: token k\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nffffffffffffffff\r\nabc\r\n0\r\n\r\n", null);
        yield return ("a body shorter than its length", $"POST /api/v2/task/async HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 500\r\nconnection: close\r\n\r\n{Body}", null);
        yield return ("a header line without a colon", "GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", null);
        yield return ("an unknown HTTP version", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", 505);
    }

    /// <summary>Sends <paramref name="raw"/> on its own connection; a problem if the answer is a 5xx (other than <paramref name="allowed"/>) or never comes.</summary>
    private async Task<string?> SendRawAsync(string raw, int? allowed)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, _server.Address.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
        socket.Client.Shutdown(SocketShutdown.Send);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Kestrel may reset a connection it refuses to read further; what it answered before that stands.
        }
        catch (OperationCanceledException)
        {
            return "no answer within 15 s";
        }

        var statusLine = answer.ToString().Split("\r\n", 2)[0];
        var parts = statusLine.Split(' ');
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status >= 500 && status != allowed
            ? $"answered '{statusLine}'"
            : null;
    }

    private async Task CountTrappedAsync()
    {
        try
        {
            while (true)
            {
                using var connection = await _trap.AcceptTcpClientAsync();
                Interlocked.Increment(ref _trapped);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Stopped at the end of the test.
        }
    }
}
