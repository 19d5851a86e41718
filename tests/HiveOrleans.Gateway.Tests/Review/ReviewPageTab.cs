using PuppeteerSharp;

namespace HiveOrleans.Gateway.Tests.Review;

/// <summary>
/// One reviewer's tab on the reviewer page, driven as a person would: the keyboard for everything (focus, Enter,
/// the shortcut letters), so the mouse never rests over the media by accident and unblurs it. It records what the
/// browser reported: policy violations (as the page saw them), console errors, script errors, failed requests.
/// </summary>
public sealed class ReviewPageTab : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly List<string> _problems = [];
    private readonly IBrowserContext? _context;

    private ReviewPageTab(IPage page, IBrowserContext? context, Uri gateway)
    {
        Page = page;
        _context = context;
        Gateway = gateway;
    }

    public IPage Page { get; }

    public Uri Gateway { get; }

    /// <summary>Opens the page in <paramref name="browser"/>; <paramref name="ownContext"/> gives it cookies and storage of its own, as a second person's browser has.</summary>
    public static async Task<ReviewPageTab> OpenAsync(IBrowser browser, Uri gateway, bool ownContext = false)
    {
        var context = ownContext ? await browser.CreateBrowserContextAsync() : null;
        var page = context is null ? await browser.NewPageAsync() : await context.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1280, Height = 900 });
        await page.EvaluateExpressionOnNewDocumentAsync(
            "window.violations = 0; window.violated = []; document.addEventListener('securitypolicyviolation', e => { window.violations++; window.violated.push(e.violatedDirective + ' ' + e.blockedURI); });");
        var tab = new ReviewPageTab(page, context, gateway);
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                tab.Problem("console: " + e.Message.Text);
            }
        };
        page.PageError += (_, e) => tab.Problem("script error: " + e.Message);
        page.RequestFailed += (_, e) => tab.Problem($"request failed: {e.Request.Url} ({e.Request.FailureText})");
        await page.GoToAsync(new Uri(gateway, "/review").ToString(), new NavigationOptions { Timeout = (int)Timeout.TotalMilliseconds });
        return tab;
    }

    /// <summary>Types the token into the sign-in form and waits for the queue list.</summary>
    public async Task SignInAsync(string token)
    {
        await WaitAsync("() => !document.getElementById('sign-in').hidden", "the sign-in form never showed");
        await Page.FocusAsync("#token");
        await Page.Keyboard.TypeAsync(token);
        await Page.Keyboard.PressAsync("Enter");
        await WaitAsync("() => !document.getElementById('queues').hidden && document.getElementById('who-name').textContent.length > 0", "the queues never showed after signing in");
    }

    /// <summary>The queue's row as shown: pending and being-reviewed counts.</summary>
    public async Task<(int Pending, int Leased)> QueueRowAsync(long projectId, string queue = "main")
    {
        var cells = await Page.EvaluateFunctionAsync<string[]>(
            "(p, q) => [...document.querySelector(`button.start[data-project='${p}'][data-queue='${q}']`).closest('tr').cells].map(c => c.textContent)",
            projectId,
            queue);
        return (int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(cells[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Presses "Start reviewing" on the queue's row (focus and Enter).</summary>
    public async Task StartReviewingAsync(long projectId, string queue = "main")
    {
        var selector = $"button.start[data-project='{projectId}'][data-queue='{queue}']";
        await WaitAsync($"() => !document.getElementById('queues').hidden && document.querySelector(\"{selector}\") !== null", $"no Start reviewing for project {projectId} {queue}");
        await Page.FocusAsync(selector);
        await Page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Waits until the task view shows a task other than <paramref name="previous"/>, and answers its id.</summary>
    public async Task<string> NextTaskAsync(string? previous = null)
    {
        await WaitAsync(
            "p => !document.getElementById('task').hidden && document.getElementById('task').dataset.taskId && document.getElementById('task').dataset.taskId !== p",
            $"no task other than {previous ?? "none"} was shown",
            previous ?? "");
        return (await TaskIdAsync())!;
    }

    /// <summary>The id of the task in view, or null when none is.</summary>
    public Task<string?> TaskIdAsync() =>
        Page.EvaluateExpressionAsync<string?>("document.getElementById('task').hidden ? null : document.getElementById('task').dataset.taskId ?? null");

    /// <summary>Waits until the page is back at its queues saying the queue is empty.</summary>
    public Task QueueEmptyAsync() =>
        WaitAsync(
            "() => !document.getElementById('queues').hidden && document.getElementById('status').textContent.includes('is empty')",
            "the page never said the queue was empty");

    public Task PressAsync(string key) => Page.Keyboard.PressAsync(key);

    /// <summary>Waits for the media to have loaded, and answers the filter the browser applies to it now.</summary>
    public async Task<string> MediaFilterAsync()
    {
        await WaitAsync("() => { const i = document.querySelector('#media-box img'); return i && i.complete && i.naturalWidth > 0; }", "the task's image never loaded");
        return await Page.EvaluateExpressionAsync<string>("getComputedStyle(document.querySelector('#media-box img')).filter");
    }

    /// <summary>Waits for the media's computed filter to be <paramref name="filter"/>.</summary>
    public Task MediaFilterIsAsync(string filter) =>
        WaitAsync("f => getComputedStyle(document.querySelector('#media-box img')).filter === f", $"the image's filter never became {filter}", filter);

    public Task<string> TextAsync(string selector) => Page.EvaluateFunctionAsync<string>("s => document.querySelector(s)?.textContent ?? ''", selector);

    /// <summary>Waits for <paramref name="condition"/> (a JavaScript function) to hold in the page, failing with what the page shows and reported.</summary>
    public async Task WaitAsync(string condition, string failure, params object[] args)
    {
        try
        {
            await Page.WaitForFunctionAsync(condition, new WaitForFunctionOptions { Timeout = (int)Timeout.TotalMilliseconds, PollingInterval = 100 }, args);
        }
        catch (WaitTaskTimeoutException)
        {
            var shown = await Page.EvaluateExpressionAsync<string>("document.body.innerText");
            Assert.Fail($"{failure}; the page shows:\n{shown[..Math.Min(shown.Length, 3000)]}\nit reported:\n{string.Join('\n', Problems)}");
        }
    }

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>
    /// The policy refused nothing and the browser reported nothing wrong, but for the answers listed in
    /// <paramref name="expectedStatuses"/> (Chromium logs a non-2xx answer to a script's request as a console error).
    /// </summary>
    public async Task AssertCleanAsync(params int[] expectedStatuses)
    {
        var violations = await Page.EvaluateExpressionAsync<string[]>("window.violated");
        Assert.True(violations.Length == 0, "the policy refused:\n" + string.Join('\n', violations));
        var unexpected = Problems.Where(p => !expectedStatuses.Any(s => p.Contains($"status of {s} ", StringComparison.Ordinal))).ToList();
        Assert.True(unexpected.Count == 0, "the page reported:\n" + string.Join('\n', unexpected));
    }

    public async ValueTask DisposeAsync()
    {
        await Page.CloseAsync();
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    private void Problem(string problem)
    {
        lock (_problems)
        {
            _problems.Add(problem);
        }
    }
}
