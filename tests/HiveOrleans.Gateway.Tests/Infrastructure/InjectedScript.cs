using PuppeteerSharp;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>What a stored XSS would do to a page: an inline event handler and an inline script element.</summary>
public static class InjectedScript
{
    /// <summary>
    /// Injects both into <paramref name="page"/> (whose watcher counts CSP violations in <c>window.violations</c>),
    /// waits until the policy has refused at least one, and returns what the injected code set: null when neither ran.
    /// </summary>
    public static async Task<int?> InjectAndWaitForRefusalAsync(IPage page, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateExpressionAsync(
            """
            (() => {
              const img = document.createElement('img');
              img.setAttribute('src', 'data:,x');
              img.setAttribute('onerror', 'window.injected = 1');
              document.body.appendChild(img);
              const script = document.createElement('script');
              script.textContent = 'window.injected = 2';
              document.body.appendChild(script);
            })()
            """);
        await page.WaitForFunctionAsync(
            "() => window.violations >= 1",
            new WaitForFunctionOptions { Timeout = (int)timeout.TotalMilliseconds, PollingInterval = 100 });
        return await page.EvaluateExpressionAsync<int?>("window.injected ?? null");
    }
}
