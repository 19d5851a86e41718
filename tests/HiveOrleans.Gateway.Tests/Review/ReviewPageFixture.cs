using System.Net;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Gateway.Tests.Media;
using HiveOrleans.Storage.Reviews;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Review;

/// <summary>
/// One gateway on its own PostgreSQL database for the reviewer page's browser tests, with a hash bank holding one
/// picture under the label <c>violence</c> (<see cref="BankedImage"/>), so that picture's task arrives with the
/// model's match. Each test makes its own projects and reviewers, so no test sees another's queue.
/// </summary>
public sealed class ReviewPageFixture : IAsyncLifetime
{
    public const string Bank = "page-bank";

    /// <summary>
    /// The reviewer's lease, short here (the shortest allowed is 10 s) so a test can hold a task for longer than one
    /// lease and see the page keep it by renewing.
    /// </summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(20);

    /// <summary>The labels a rejection may carry in the projects made here.</summary>
    public static readonly string[] Labels = ["violence", "nudity", "spam"];

    private readonly PostgresDatabase _database = new();
    private int _seed = 100;

    public GatewayServer Server { get; private set; } = null!;

    public HttpClient Client => Server.Client;

    /// <summary>The picture in <see cref="Bank"/>: its task's model output matches it.</summary>
    public byte[] BankedImage { get; } = TestMedia.SceneJpeg(7);

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Server = await GatewayServer.StartOnPostgresAsync(
            _database.ConnectionString,
            new Dictionary<string, string?>
            {
                ["HiveOrleans:Review:Lease"] = Lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                // The tests read the counts right after changing them; ReviewQueueCountsTests covers the shared counts.
                ["HiveOrleans:Review:QueueCountsMaxAge"] = "00:00:00",
            });
        await Server.CreateBankAsync(Bank, "violence", BankedImage);
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    /// <summary>A picture no other task of this class has (the results cache would otherwise answer for it).</summary>
    public byte[] FreshImage() => TestMedia.SceneJpeg(Interlocked.Increment(ref _seed));

    /// <summary>A manual-review project of <paramref name="modelType"/> (<c>visual</c> matches against <see cref="Bank"/>).</summary>
    public async Task<CreatedProject> CreateReviewProjectAsync(string name, string modelType = "visual")
    {
        var definition = new Dictionary<string, object>
        {
            ["name"] = name,
            ["model_type"] = modelType,
            ["review"] = "manual_review",
            ["review_labels"] = Labels,
        };
        if (modelType == "visual")
        {
            definition["hash_banks"] = new[] { Bank };
        }

        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", definition);
        Assert.True(status == HttpStatusCode.Created, $"project creation answered {(int)status}: {body}");
        return new CreatedProject(
            body.GetProperty("project_id").GetInt64(),
            [.. body.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
            body.GetProperty("webhook_secret").GetString()!);
    }

    /// <summary>A reviewer of <paramref name="projects"/>; answers their id and token.</summary>
    public async Task<(long Id, string Token)> CreateReviewerAsync(string name, IEnumerable<CreatedProject> projects, bool senior = false)
    {
        var (status, body) = await Client.AdminAsync(HttpMethod.Post, "/admin/v1/reviewers", new
        {
            name,
            projects = projects.Select(p => p.ProjectId).ToArray(),
            roles = senior ? new[] { "reviewer", "senior" } : ["reviewer"],
        });
        Assert.True(status == HttpStatusCode.Created, $"reviewer creation answered {(int)status}: {body}");
        return (body.GetProperty("reviewer_id").GetInt64(), body.GetProperty("token").GetString()!);
    }

    /// <summary>Submits a picture and waits until its task waits for review; answers the task id.</summary>
    public async Task<string> SubmitImageAsync(CreatedProject project, byte[] image, Uri? callback = null)
    {
        var (status, body) = await Client.UploadAsync(project.Key, "async", image, callbackUrl: callback?.ToString());
        Assert.True(status == HttpStatusCode.OK, $"the upload answered {(int)status}: {body}");
        return await AwaitingReviewAsync(project, body.GetProperty("task_id").GetString()!);
    }

    /// <summary>Submits a text and waits until its task waits for review; answers the task id.</summary>
    public async Task<string> SubmitTextAsync(CreatedProject project, string text, Uri? callback = null)
    {
        var (status, body) = await Client.SubmitTextAsync(project.Key, "async", text, callback?.ToString());
        Assert.True(status == HttpStatusCode.OK, $"the submission answered {(int)status}: {body}");
        return await AwaitingReviewAsync(project, body.GetProperty("task_id").GetString()!);
    }

    /// <summary>The task as its project's key sees it.</summary>
    public async Task<JsonElement> TaskAsync(CreatedProject project, string taskId)
    {
        var (status, body) = await Client.GetTaskAsync(project.Key, $"/api/v2/task/{taskId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    /// <summary>
    /// Waits until the task says AWAITING_REVIEW and its row is in the queue's store: the task grain answers polls
    /// while it writes, so the status can show a moment before the write that makes the task claimable is durable.
    /// </summary>
    private async Task<string> AwaitingReviewAsync(CreatedProject project, string taskId)
    {
        await Eventually.UntilAsync(
            () => TaskAsync(project, taskId),
            task => HiveApi.StatusCode(task) == "AWAITING_REVIEW",
            TimeSpan.FromSeconds(60),
            $"task {taskId} to wait for review");
        var queues = Server.Services.GetRequiredService<IReviewQueueStore>();
        await Eventually.UntilAsync(() => queues.ReadAsync(Guid.Parse(taskId)), standing => standing is not null, TimeSpan.FromSeconds(30), $"task {taskId} to be in its queue's store");
        return taskId;
    }
}
