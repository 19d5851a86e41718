using HiveOrleans.Gateway.Tests.Infrastructure;
using PuppeteerSharp;

namespace HiveOrleans.Gateway.Tests.Docs;

/// <summary>
/// The start page and the API reference in a real browser, under the gateway's content security policy: they render,
/// no request leaves 127.0.0.1 (the browser cannot resolve any other host, and every request is recorded), and the
/// policy is never broken.
/// </summary>
public sealed class StartPageInBrowserTests(PostgresGatewayFixture gateway, HeadlessChromium chromium)
    : IClassFixture<PostgresGatewayFixture>, IClassFixture<HeadlessChromium>
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Clicks a sidebar group's "Open Group" control once the viewer has drawn it; true once clicked.</summary>
    private const string OpenGroup =
        """
        name => {
          const label = [...document.querySelectorAll('*')].find(e => e.children.length === 0 && e.textContent.trim() === 'Open Group - ' + name);
          if (!label) return false;
          (label.closest('button, [role=button], a') ?? label).click();
          return true;
        }
        """;

    /// <summary>Operations of each kind the reference must show, by the summaries the OpenAPI document gives them.</summary>
    private static readonly string[] Operations =
    [
        "Submit a task and wait for its result",
        "Submit a task; get the result at callback_url",
        "Get a task",
        "Send a task's callback again",
        "Follow a task's status as Server-Sent Events",
        "Create a project",
        "Rotate an API key",
        "Add hashes to a bank",
    ];

    [Fact]
    public async Task The_start_page_renders_under_its_policy_from_this_gateway_alone()
    {
        await using var page = await OpenAsync();
        var watch = Watch(page);

        var response = await page.GoToAsync(Url("/"), new NavigationOptions { Timeout = (int)PageTimeout.TotalMilliseconds, WaitUntil = [WaitUntilNavigation.Networkidle0] });

        Assert.True(response.Ok, $"GET / answered {response.Status}");
        var text = await page.EvaluateExpressionAsync<string>("document.body.innerText");
        Assert.Contains("What is running", text, StringComparison.Ordinal);
        Assert.Contains("Ready", await page.EvaluateExpressionAsync<string>("document.getElementById('health').innerText"), StringComparison.Ordinal);

        // Its stylesheet applied: the definition list is laid out as a grid by /start.css, not by the browser's defaults.
        Assert.Equal("grid", await page.EvaluateExpressionAsync<string>("getComputedStyle(document.querySelector('dl')).display"));
        watch.AssertClean(gateway.Server.Address, await Violations(page));
    }

    [Fact]
    public async Task The_api_reference_renders_the_task_and_operator_operations_from_this_gateway_alone()
    {
        await using var page = await OpenAsync();
        var watch = Watch(page);

        await page.GoToAsync(Url("/docs/api/"), new NavigationOptions { Timeout = (int)PageTimeout.TotalMilliseconds });

        // The sidebar opens the first group (Tasks); a reader opens the operator's groups.
        foreach (var group in new[] { "Operator", "Hash banks" })
        {
            await WaitForAsync(page, watch, OpenGroup, $"the reference never drew its '{group}' group", group);
        }

        var everyOperation = "() => " + string.Join(" && ", Operations.Select(o => $"document.body.innerText.includes({System.Text.Json.JsonSerializer.Serialize(o)})"));
        await WaitForAsync(page, watch, everyOperation, "the reference never showed every operation of the task and operator APIs");

        // The viewer fetched the document from this gateway.
        Assert.Contains(watch.Requests, r => r.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
        watch.AssertClean(gateway.Server.Address, await Violations(page));
    }

    [Fact]
    public async Task Script_injected_into_the_api_reference_is_refused_although_its_own_script_runs()
    {
        await using var page = await OpenAsync();
        var watch = Watch(page);
        await page.GoToAsync(Url("/docs/api/"), new NavigationOptions { Timeout = (int)PageTimeout.TotalMilliseconds });
        await WaitForAsync(page, watch, "() => document.body.innerText.includes('Submit a task and wait for its result')", "the reference never rendered");

        // Neither injected handler nor script runs without the response's nonce.
        Assert.Null(await InjectedScript.InjectAndWaitForRefusalAsync(page, PageTimeout));
    }

    /// <summary>Waits for <paramref name="condition"/> (a JavaScript function) to be true in the page, failing with what the page shows and reported.</summary>
    private static async Task WaitForAsync(IPage page, PageWatch watch, string condition, string failure, params object[] args)
    {
        try
        {
            await page.WaitForFunctionAsync(condition, new WaitForFunctionOptions { Timeout = (int)PageTimeout.TotalMilliseconds, PollingInterval = 200 }, args);
        }
        catch (WaitTaskTimeoutException)
        {
            var shown = await page.EvaluateExpressionAsync<string>("document.body.innerText");
            Assert.Fail($"{failure}; it shows:\n{shown[..Math.Min(shown.Length, 2000)]}\npolicy violations: {string.Join("; ", await Violations(page))}\n{watch}");
        }
    }

    private async Task<IPage> OpenAsync()
    {
        var page = await chromium.Browser.NewPageAsync();

        // Wide enough for the reference's sidebar, which lists every operation.
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });

        // Counts the policy's refusals as the page sees them (securitypolicyviolation events), in every document.
        await page.EvaluateExpressionOnNewDocumentAsync(
            "window.violations = 0; window.violated = []; document.addEventListener('securitypolicyviolation', e => { window.violations++; window.violated.push(e.violatedDirective + ' ' + e.blockedURI); });");
        return page;
    }

    private static async Task<string[]> Violations(IPage page) => await page.EvaluateExpressionAsync<string[]>("window.violated");

    private static PageWatch Watch(IPage page)
    {
        var watch = new PageWatch();
        page.Request += (_, e) => watch.Request(e.Request.Url);
        page.RequestFailed += (_, e) => watch.Problem($"request failed: {e.Request.Url} ({e.Request.FailureText})");
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                watch.Problem("console: " + e.Message.Text);
            }
        };
        page.PageError += (_, e) => watch.Problem("script error: " + e.Message);
        return watch;
    }

    private string Url(string path) => new Uri(gateway.Server.Address, path).ToString();

    /// <summary>What a page asked for and what went wrong on it, as the browser reported them.</summary>
    private sealed class PageWatch
    {
        private readonly List<string> _requests = [];
        private readonly List<string> _problems = [];

        public IReadOnlyList<string> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public void Request(string url)
        {
            lock (_requests)
            {
                _requests.Add(url);
            }
        }

        public void Problem(string problem)
        {
            lock (_problems)
            {
                _problems.Add(problem);
            }
        }

        /// <summary>Every request went to the gateway (or stayed in the page), none failed, nothing was refused or logged as an error.</summary>
        public void AssertClean(Uri gateway, string[] violations)
        {
            var origin = gateway.GetLeftPart(UriPartial.Authority) + "/";
            var elsewhere = Requests.Where(r => !r.StartsWith(origin, StringComparison.Ordinal) && !r.StartsWith("data:", StringComparison.Ordinal)).ToList();
            Assert.True(elsewhere.Count == 0, "requests left the gateway:\n" + string.Join('\n', elsewhere));
            Assert.True(violations.Length == 0, "the policy refused:\n" + string.Join('\n', violations));
            lock (_problems)
            {
                Assert.True(_problems.Count == 0, "the page reported:\n" + string.Join('\n', _problems));
            }
        }

        public override string ToString()
        {
            lock (_problems)
            {
                return $"requests:\n{string.Join('\n', Requests)}\nproblems:\n{string.Join('\n', _problems)}";
            }
        }
    }
}
