using PuppeteerSharp;

namespace HiveOrleans.Gateway.Tests.Infrastructure;

/// <summary>
/// Debian's chromium (package <c>chromium</c>, which .ci/run installs), headless, driven over the DevTools protocol.
/// No browser is ever downloaded: the executable is <c>HIVEORLEANS_TEST_CHROMIUM</c> or the package's binary itself,
/// <c>/usr/lib/chromium/chromium</c> (its <c>/usr/bin/chromium</c> launcher script trips over its own shared-memory
/// check on some machines, and adds nothing headless needs).
/// Every host name but 127.0.0.1 and localhost resolves to nothing, so a page can reach no other machine.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("HIVEORLEANS_TEST_CHROMIUM") ?? "/usr/lib/chromium/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"No chromium at {executable}: install Debian's package (apt-get install chromium) or set HIVEORLEANS_TEST_CHROMIUM.");
        }

        _browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                // CI runs as root, where chromium's sandbox cannot start.
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-proxy-server",
                // Quoted: the arguments reach chromium as one command line, where spaces would split the rule.
                "--host-resolver-rules=\"MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost\"",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }
    }
}
