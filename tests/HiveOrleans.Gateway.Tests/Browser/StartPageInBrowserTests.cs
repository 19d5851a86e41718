using HiveOrleans.Gateway.Tests.Infrastructure;
using PuppeteerSharp;

namespace HiveOrleans.Gateway.Tests.Browser;

/// <summary>
/// The start page in a real browser, under the gateway's content security policy: it renders, no request leaves
/// 127.0.0.1 (the browser cannot resolve any other host, and every request is recorded), and the policy is never broken.
/// </summary>
public sealed class StartPageInBrowserTests(PostgresGatewayFixture gateway, HeadlessChromium chromium)
    : IClassFixture<PostgresGatewayFixture>, IClassFixture<HeadlessChromium>
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(60);

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

    private async Task<IPage> OpenAsync()
    {
        var page = await chromium.Browser.NewPageAsync();

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
