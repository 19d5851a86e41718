using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Storage.Reviews;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;

namespace HiveOrleans.Gateway.Tests.Review;

/// <summary>
/// The reviewer page at /review/ in Debian's headless Chromium against a real gateway and PostgreSQL: reviewers sign
/// in with their tokens, claim tasks, see media blurred until they choose to see it, decide with the keyboard, and
/// the decision reaches the caller's callback. Under the gateway's content security policy, unchanged.
/// Set <c>HIVEORLEANS_REVIEW_SCREENSHOTS</c> to a directory to have the first test save the page's pictures there
/// (docs/review/ holds the ones docs/review.md shows).
/// </summary>
public sealed class ReviewPageInBrowserTests(ReviewPageFixture fixture, HeadlessChromium chromium)
    : IClassFixture<ReviewPageFixture>, IClassFixture<HeadlessChromium>
{
    private const string Blurred = "blur(28px) grayscale(0)";
    private const string Clear = "blur(0px) grayscale(0)";

    [Fact]
    public async Task A_reviewer_sees_the_image_blurred_until_unblurred_and_rejects_it_with_a_label_and_reason_that_the_callback_carries()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var project = await fixture.CreateReviewProjectAsync("Photo uploads");
        var taskId = await fixture.SubmitImageAsync(project, fixture.BankedImage, receiver.Url);
        var comments = await fixture.CreateReviewProjectAsync("Comments", modelType: "text");
        await fixture.SubmitTextAsync(comments, "You again? Nobody wants you here.");
        var (reviewerId, token) = await fixture.CreateReviewerAsync("Ada", [project, comments]);
        await using var tab = await ReviewPageTab.OpenAsync(chromium.Browser, fixture.Server.Address);

        await tab.SignInAsync(token);
        Assert.Equal((1, 0), await tab.QueueRowAsync(project.ProjectId));
        await ScreenshotAsync(tab, "page-queue.png");
        await tab.StartReviewingAsync(project.ProjectId);
        Assert.Equal(taskId, await tab.NextTaskAsync());

        // Blurred by default; the model's match is shown beside it.
        Assert.Equal(Blurred, await tab.MediaFilterAsync());
        Assert.Contains("yes_violence", await tab.TextAsync("#score-table"), StringComparison.Ordinal);
        await ScreenshotAsync(tab, "page-task.png");

        // U shows it and hides it again; so does the pointer, resting on it and leaving.
        await tab.PressAsync("u");
        await tab.MediaFilterIsAsync(Clear);
        await tab.PressAsync("u");
        await tab.MediaFilterIsAsync(Blurred);
        await tab.Page.HoverAsync("#media-box img");
        await tab.MediaFilterIsAsync(Clear);
        await tab.Page.Mouse.MoveAsync(0, 0);
        await tab.MediaFilterIsAsync(Blurred);

        // The page keeps the task past the end of its first lease by renewing it.
        var first = await tab.Page.EvaluateExpressionAsync<string>("document.getElementById('lease').dataset.until");
        await tab.WaitAsync("f => document.getElementById('lease').dataset.until !== f", "the page never renewed its lease", first);
        var firstLease = DateTimeOffset.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
        var wait = firstLease - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        // R opens the labels; typing the reason (a, r, e, s and u among its letters) decides nothing.
        await tab.PressAsync("r");
        await tab.WaitAsync("() => !document.getElementById('reject-form').hidden", "R did not open the rejection form");
        await tab.Page.FocusAsync("#label-choices input[value='violence']");
        await tab.PressAsync(" ");
        await tab.Page.FocusAsync("#reason");
        const string reason = "graphic violence: a banked picture, as the model says";
        await tab.Page.Keyboard.TypeAsync(reason);
        Assert.Equal(taskId, await tab.TaskIdAsync());
        Assert.False(await tab.Page.EvaluateExpressionAsync<bool>("document.getElementById('reject-form').hidden"));
        await tab.Page.FocusAsync("#reject-form button[type='submit']");
        await tab.PressAsync("Enter");

        // The next claim finds the queue empty, and the caller hears of the decision.
        await tab.QueueEmptyAsync();
        using var callback = JsonDocument.Parse((await receiver.NextAsync(TimeSpan.FromSeconds(60))).Body);
        var review = callback.RootElement.GetProperty("review");
        Assert.Equal("reject", review.GetProperty("decision").GetString());
        Assert.Equal(["violence"], review.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(reason, review.GetProperty("reason").GetString());
        Assert.Equal(reviewerId, review.GetProperty("reviewer_id").GetInt64());
        Assert.Equal("main", review.GetProperty("queue").GetString());
        Assert.Contains(taskId, await tab.TextAsync("#recent-list"), StringComparison.Ordinal);
        await tab.AssertCleanAsync();
    }

    [Fact]
    public async Task Two_reviewers_in_their_own_browsers_never_see_the_same_task()
    {
        var project = await fixture.CreateReviewProjectAsync("Shared queue");
        var first = await fixture.SubmitImageAsync(project, fixture.FreshImage());
        var second = await fixture.SubmitImageAsync(project, fixture.FreshImage());
        var (adaId, adaToken) = await fixture.CreateReviewerAsync("Ada", [project]);
        var (bobId, bobToken) = await fixture.CreateReviewerAsync("Bob", [project]);
        await using var ada = await ReviewPageTab.OpenAsync(chromium.Browser, fixture.Server.Address, ownContext: true);
        await using var bob = await ReviewPageTab.OpenAsync(chromium.Browser, fixture.Server.Address, ownContext: true);
        await ada.SignInAsync(adaToken);
        await bob.SignInAsync(bobToken);

        await ada.StartReviewingAsync(project.ProjectId);
        Assert.Equal(first, await ada.NextTaskAsync());
        await bob.StartReviewingAsync(project.ProjectId);
        Assert.Equal(second, await bob.NextTaskAsync());

        // Bob skips: the only other task is Ada's, so he is told the queue is empty, and his goes back.
        await bob.PressAsync("s");
        await bob.QueueEmptyAsync();
        await bob.StartReviewingAsync(project.ProjectId);
        Assert.Equal(second, await bob.NextTaskAsync());

        // Ada approves hers; the one left is Bob's, so she finds nothing more.
        await ada.PressAsync("a");
        await ada.QueueEmptyAsync();
        await bob.PressAsync("a");
        await bob.QueueEmptyAsync();

        Assert.Equal(adaId, (await fixture.TaskAsync(project, first)).GetProperty("review").GetProperty("reviewer_id").GetInt64());
        Assert.Equal(bobId, (await fixture.TaskAsync(project, second)).GetProperty("review").GetProperty("reviewer_id").GetInt64());
        await ada.AssertCleanAsync();
        await bob.AssertCleanAsync();
    }

    [Fact]
    public async Task The_keyboard_alone_approves_skips_and_escalates_and_an_escalated_task_offers_no_escalation()
    {
        var project = await fixture.CreateReviewProjectAsync("Comments", modelType: "text");
        const string threat = "I will find you and kill you. <img src=x onerror=\"window.injected = 1\">";
        var flagged = await fixture.SubmitTextAsync(project, threat);
        var skipped = await fixture.SubmitTextAsync(project, "What a lovely afternoon at the lake.");
        var escalated = await fixture.SubmitTextAsync(project, "Is this allowed? Ask someone senior.");
        var (_, token) = await fixture.CreateReviewerAsync("Grace", [project], senior: true);
        await using var tab = await ReviewPageTab.OpenAsync(chromium.Browser, fixture.Server.Address);
        await tab.SignInAsync(token);
        await tab.StartReviewingAsync(project.ProjectId);
        Assert.Equal(flagged, await tab.NextTaskAsync());

        // The text is text: the threat is highlighted as the model scored it, the markup in it shown, not run.
        Assert.Contains("kill you", await tab.TextAsync("#text mark"), StringComparison.Ordinal);
        Assert.Contains("<img src=x", await tab.TextAsync("#text"), StringComparison.Ordinal);
        Assert.Equal(0, await tab.Page.EvaluateExpressionAsync<int>("document.querySelectorAll('#text img').length"));

        await tab.PressAsync("a");
        Assert.Equal(skipped, await tab.NextTaskAsync(flagged));
        Assert.Equal("approve", (await fixture.TaskAsync(project, flagged)).GetProperty("review").GetProperty("decision").GetString());

        // Skipping moves on to the next task; the skipped one waits for whoever comes next.
        await tab.PressAsync("s");
        Assert.Equal(escalated, await tab.NextTaskAsync(skipped));
        await tab.PressAsync("e");
        Assert.Equal(skipped, await tab.NextTaskAsync(escalated));

        // In the escalated queue there is no escalating further: E does nothing, A approves.
        await tab.Page.FocusAsync("#stop");
        await tab.PressAsync("Enter");
        await tab.WaitAsync("() => !document.getElementById('queues').hidden", "Back to queues did not go back");
        Assert.Equal((1, 0), await tab.QueueRowAsync(project.ProjectId, "escalated"));
        await tab.StartReviewingAsync(project.ProjectId, "escalated");
        Assert.Equal(escalated, await tab.NextTaskAsync());
        Assert.True(await tab.Page.EvaluateExpressionAsync<bool>("document.getElementById('escalate').hidden"));
        await tab.PressAsync("e");
        await tab.PressAsync("a");
        await tab.QueueEmptyAsync();
        var review = (await fixture.TaskAsync(project, escalated)).GetProperty("review");
        Assert.Equal("approve", review.GetProperty("decision").GetString());
        Assert.Equal("escalated", review.GetProperty("queue").GetString());

        Assert.Null(await tab.Page.EvaluateExpressionAsync<int?>("window.injected ?? null"));
        await tab.AssertCleanAsync();
    }

    [Fact]
    public async Task A_lost_lease_is_said_plainly_and_the_reviewer_moves_on_to_the_next_task()
    {
        var project = await fixture.CreateReviewProjectAsync("Lost leases");
        var first = await fixture.SubmitImageAsync(project, fixture.FreshImage());
        var second = await fixture.SubmitImageAsync(project, fixture.FreshImage());
        var (adaId, adaToken) = await fixture.CreateReviewerAsync("Ada", [project]);
        var (_, bobToken) = await fixture.CreateReviewerAsync("Bob", [project]);
        await using var tab = await ReviewPageTab.OpenAsync(chromium.Browser, fixture.Server.Address);
        await tab.SignInAsync(adaToken);
        await tab.StartReviewingAsync(project.ProjectId);
        Assert.Equal(first, await tab.NextTaskAsync());

        // Ada's lease ends behind her back (as the store ends a disabled reviewer's), and Bob, through the API, takes the task.
        await fixture.Server.Services.GetRequiredService<IReviewQueueStore>().ReleaseHeldByAsync(adaId);
        using var claim = new HttpRequestMessage(HttpMethod.Post, $"/review/v1/queues/{project.ProjectId}/claim");
        claim.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bobToken);
        var (status, body) = await fixture.Client.SendJsonAsync(claim);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal(first, body.GetProperty("task").GetProperty("task_id").GetString());

        await tab.PressAsync("a");
        await tab.WaitAsync(
            "() => !document.getElementById('alert').hidden && document.getElementById('alert').textContent.includes('another reviewer holds it now')",
            "the page never said the task was lost to another reviewer");
        Assert.Equal(second, await tab.NextTaskAsync(first));
        Assert.Equal("AWAITING_REVIEW", HiveApi.StatusCode(await fixture.TaskAsync(project, first)));
        await tab.AssertCleanAsync(409);
    }

    [Fact]
    public async Task The_reviewers_settings_and_session_survive_a_reload_and_only_the_settings_are_stored()
    {
        var project = await fixture.CreateReviewProjectAsync("Settings");
        await fixture.SubmitImageAsync(project, fixture.FreshImage());
        var (_, token) = await fixture.CreateReviewerAsync("Linus", [project]);
        await using var tab = await ReviewPageTab.OpenAsync(chromium.Browser, fixture.Server.Address, ownContext: true);
        await tab.SignInAsync(token);

        // Blur off, grayscale on, from the keyboard.
        foreach (var setting in new[] { "#set-blur", "#set-gray" })
        {
            await tab.Page.FocusAsync(setting);
            await tab.PressAsync(" ");
        }

        await tab.Page.ReloadAsync();
        await tab.WaitAsync("() => !document.getElementById('queues').hidden", "a reload did not keep the reviewer signed in");
        Assert.False(await tab.Page.EvaluateExpressionAsync<bool>("document.getElementById('set-blur').checked"));
        Assert.True(await tab.Page.EvaluateExpressionAsync<bool>("document.getElementById('set-gray').checked"));
        await tab.StartReviewingAsync(project.ProjectId);
        await tab.NextTaskAsync();
        Assert.Equal("blur(0px) grayscale(1)", await tab.MediaFilterAsync());

        // The token is in neither store; the settings are all localStorage holds.
        Assert.Equal(["hive-review-settings"], await tab.Page.EvaluateExpressionAsync<string[]>("Object.keys(localStorage)"));
        var stored = await tab.Page.EvaluateExpressionAsync<string>("JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);

        // Signing out gives the task back and ends the session: a reload asks for the token again.
        await tab.Page.FocusAsync("#sign-out");
        await tab.PressAsync("Enter");
        await tab.WaitAsync("() => !document.getElementById('sign-in').hidden", "signing out did not return to the sign-in form");
        Assert.Equal((1, 0), await QueueAsSeenByApiAsync(project, token));
        await tab.Page.ReloadAsync();
        await tab.WaitAsync("() => !document.getElementById('sign-in').hidden", "after signing out a reload did not ask for the token");
        await tab.AssertCleanAsync();
    }

    [Fact]
    public async Task Script_injected_into_the_page_is_refused_by_the_policy()
    {
        var project = await fixture.CreateReviewProjectAsync("Injection");
        var (_, token) = await fixture.CreateReviewerAsync("Mallory's target", [project]);
        await using var tab = await ReviewPageTab.OpenAsync(chromium.Browser, fixture.Server.Address);
        await tab.SignInAsync(token);

        // The page's own script ran (it signed in); neither injected handler nor script does.
        Assert.Null(await InjectedScript.InjectAndWaitForRefusalAsync(tab.Page, ReviewPageTab.Timeout));
    }

    [Fact]
    public async Task The_page_and_its_files_come_from_the_gateway_under_its_unchanged_policy()
    {
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Server.Address };
        using var redirect = await noRedirects.GetAsync("/review");
        Assert.Equal(System.Net.HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/review/", redirect.Headers.Location?.OriginalString);

        using var html = await fixture.Client.GetAsync("/review/");
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Equal(global::HiveOrleans.Gateway.Wire.SecurityHeaders.HtmlPolicy, html.Headers.GetValues("Content-Security-Policy").Single());
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"review.js\"></script>", page, StringComparison.Ordinal);
        foreach (var (file, type) in new[] { ("review.css", "text/css"), ("review.js", "text/javascript"), ("review-core.js", "text/javascript"), ("review-task.js", "text/javascript"), ("review-settings.js", "text/javascript") })
        {
            using var asset = await fixture.Client.GetAsync("/review/" + file);
            Assert.True(asset.IsSuccessStatusCode, $"/review/{file} answered {(int)asset.StatusCode}");
            Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>The queue's pending and leased counts as the reviewer API gives them to a Bearer token.</summary>
    private async Task<(long Pending, long Leased)> QueueAsSeenByApiAsync(CreatedProject project, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/review/v1/queues");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var (status, body) = await fixture.Client.SendJsonAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        var queue = body.GetProperty("queues").EnumerateArray()
            .Single(q => q.GetProperty("project_id").GetInt64() == project.ProjectId && q.GetProperty("queue").GetString() == "main");
        return (queue.GetProperty("pending").GetInt64(), queue.GetProperty("leased").GetInt64());
    }

    private static async Task ScreenshotAsync(ReviewPageTab tab, string name)
    {
        if (Environment.GetEnvironmentVariable("HIVEORLEANS_REVIEW_SCREENSHOTS") is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        await tab.Page.ScreenshotAsync(Path.Combine(directory, name), new ScreenshotOptions { FullPage = true });
    }
}
