using HiveOrleans.Gateway.Tests.Infrastructure;
using PuppeteerSharp;

namespace HiveOrleans.Gateway.Tests.Admin;

/// <summary>
/// The dashboard in a real browser, under the gateway's content security policy: the page works with no inline
/// script, and script injected into it does not run.
/// </summary>
public sealed class DashboardInBrowserTests(PostgresGatewayFixture gateway, HeadlessChromium chromium)
    : IClassFixture<PostgresGatewayFixture>, IClassFixture<HeadlessChromium>
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_dashboard_renders_the_cluster_without_breaking_its_content_security_policy()
    {
        await using var page = await OpenDashboardAsync();
        var problems = Watch(page);

        await page.GoToAsync(Url("/admin/dashboard/"), new NavigationOptions { Timeout = (int)PageTimeout.TotalMilliseconds });

        // The dashboard's script draws the silo count once its first counters arrive.
        try
        {
            await page.WaitForFunctionAsync(
                "() => /active silos\\s*1/i.test(document.body.innerText)",
                new WaitForFunctionOptions { Timeout = (int)PageTimeout.TotalMilliseconds, PollingInterval = 200 });
        }
        catch (WaitTaskTimeoutException)
        {
            Assert.Fail($"the page never showed an active silo; it shows:\n{await page.EvaluateExpressionAsync<string>("document.body.innerText")}\nand reported:\n{string.Join('\n', problems)}");
        }

        Assert.True(problems.Count == 0, "the page reported:\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task Script_injected_into_the_page_is_refused_by_the_policy()
    {
        await using var page = await OpenDashboardAsync();
        var problems = Watch(page);
        await page.GoToAsync(Url("/admin/dashboard/"), new NavigationOptions { Timeout = (int)PageTimeout.TotalMilliseconds });

        // Neither injected handler nor script runs.
        Assert.Null(await InjectedScript.InjectAndWaitForRefusalAsync(page, PageTimeout));
        Assert.Contains(problems, p => p.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    private async Task<IPage> OpenDashboardAsync()
    {
        var page = await chromium.Browser.NewPageAsync();

        // The dashboard's login: the browser is asked for a user name (ignored) and the operator token as password.
        await page.AuthenticateAsync(new Credentials { Username = "operator", Password = GatewayServer.OperatorToken });

        // Counts the policy's refusals as the page sees them (securitypolicyviolation events), in every document.
        await page.EvaluateExpressionOnNewDocumentAsync(
            "window.violations = 0; document.addEventListener('securitypolicyviolation', () => window.violations++);");
        return page;
    }

    /// <summary>Console errors (the browser reports policy refusals there) and uncaught script errors.</summary>
    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                lock (problems)
                {
                    problems.Add("console: " + e.Message.Text);
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (problems)
            {
                problems.Add("script error: " + e.Message);
            }
        };
        return problems;
    }

    private string Url(string path) => new Uri(gateway.Server.Address, path).ToString();
}
