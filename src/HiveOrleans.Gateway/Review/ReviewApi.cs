using System.Text.Json;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Storage.Media;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Reviewers;

namespace HiveOrleans.Gateway.Review;

/// <summary>
/// The reviewer API under <c>/review/v1</c> (docs/review.md, "The reviewer API's contract"): queues, claims, leases,
/// decisions and media, over <see cref="IReviewDeskGrain"/>. The endpoints authenticate and read JSON shapes only;
/// what a reviewer may do, and the audit record of it, is the desk's.
/// </summary>
internal static class ReviewApi
{
    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder routes)
    {
        var review = routes.MapGroup("/review/v1").WithTags("Reviewer API")
            .AddEndpointFilter(async (context, next) =>
            {
                // Answers carry tasks' content: no cache along the way keeps them.
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return await next(context);
            });
        review.MapReviewSessionApi();
        review.MapGet("/queues", QueuesAsync).WithName("ListReviewQueues");
        review.MapPost("/queues/{project_id:long}/claim", ClaimAsync).WithName("ClaimReviewTask");
        review.MapPost("/tasks/{id}/renew", RenewAsync).WithName("RenewReviewLease");
        review.MapPost("/tasks/{id}/release", ReleaseAsync).WithName("ReleaseReviewTask");
        review.MapPost("/tasks/{id}/decision", DecideAsync).WithName("DecideReviewTask");
        review.MapGet("/tasks/{id}/media", MediaAsync).WithName("GetReviewTaskMedia");
        return routes;
    }

    private static async Task<IResult> QueuesAsync(HttpContext context, ReviewerAuthenticator auth, TimeProvider time)
    {
        var caller = await auth.AuthenticateAsync(context.Request);
        var queues = await auth.DeskAsync(context.Request, caller, (desk, reviewer) => desk.QueuesAsync(reviewer));
        return WireJsonResult.Ok(ReviewQueueListDocument.From(queues, time.GetUtcNow()), WireJson.Context.ReviewQueueListDocument);
    }

    private static async Task<IResult> ClaimAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "project_id")] long projectId, HttpContext context, ReviewerAuthenticator auth)
    {
        var caller = await auth.AuthenticateAsync(context.Request);
        var queue = context.Request.Query["queue"];
        if (queue.Count > 1)
        {
            throw ApiException.GivenTwice("queue");
        }

        var name = queue.Count == 0 || string.IsNullOrEmpty(queue[0]) ? ReviewDecisions.MainQueue : queue[0]!;
        var grant = await auth.DeskAsync(context.Request, caller, (desk, reviewer) => desk.ClaimAsync(reviewer, projectId, name));
        return grant is null
            ? Results.NoContent()
            : new JsonWriterResult(StatusCodes.Status200OK, writer => ReviewGrantDocument.Write(writer, grant));
    }

    private static async Task<IResult> RenewAsync(string id, HttpContext context, ReviewerAuthenticator auth)
    {
        var caller = await auth.AuthenticateAsync(context.Request);
        var taskId = TaskId(id);
        var lease = LeaseToken(await ReadObjectAsync(context));
        var renewed = await auth.DeskAsync(context.Request, caller, (desk, reviewer) => desk.RenewAsync(reviewer, taskId, lease));
        ReviewRefusals.ThrowUnlessTaken(renewed.Outcome);
        return WireJsonResult.Ok(new ReviewLeaseDocument(renewed.LeaseUntil!.Value), WireJson.Context.ReviewLeaseDocument);
    }

    private static async Task<IResult> ReleaseAsync(string id, HttpContext context, ReviewerAuthenticator auth)
    {
        var caller = await auth.AuthenticateAsync(context.Request);
        var taskId = TaskId(id);
        var lease = LeaseToken(await ReadObjectAsync(context));
        ReviewRefusals.ThrowUnlessTaken(await auth.DeskAsync(context.Request, caller, (desk, reviewer) => desk.ReleaseAsync(reviewer, taskId, lease)));
        return Results.NoContent();
    }

    private static async Task<IResult> DecideAsync(string id, HttpContext context, ReviewerAuthenticator auth)
    {
        var caller = await auth.AuthenticateAsync(context.Request);
        var taskId = TaskId(id);
        var root = await ReadObjectAsync(context);
        var decision = new ReviewDecision(
            LeaseToken(root),
            JsonFields.String(root, "decision") ?? throw ApiException.BadRequest("'decision' is required: \"approve\", \"reject\" or \"escalate\"."),
            JsonFields.Strings(root, "labels") ?? [],
            JsonFields.String(root, "reason"));
        var result = await auth.DeskAsync(context.Request, caller, (desk, reviewer) => desk.DecideAsync(reviewer, taskId, decision));
        ReviewRefusals.ThrowUnlessTaken(result.Outcome);
        var task = result.Task!;
        return new JsonWriterResult(StatusCodes.Status200OK, writer => ReviewedTaskDocument.Write(writer, task));
    }

    private static async Task<IResult> MediaAsync(string id, HttpContext context, ReviewerAuthenticator auth, IMediaStore store)
    {
        var caller = await auth.AuthenticateAsync(context.Request);
        var taskId = TaskId(id);
        var held = await auth.DeskAsync(context.Request, caller, (desk, reviewer) => desk.HeldMediaAsync(reviewer, taskId));
        ReviewRefusals.ThrowUnlessTaken(held.Outcome);
        var media = held.Media ?? throw new ApiException(StatusCodes.Status404NotFound, "This task has no media: it is a text task.");
        Stream content;
        try
        {
            content = await store.OpenReadAsync(media.Key, context.RequestAborted);
        }
        catch (MediaNotFoundException)
        {
            throw new ApiException(StatusCodes.Status404NotFound, "This task's media is no longer stored.");
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = "inline";
        context.Response.ContentLength = media.Length;
        return Results.Stream(content, media.MimeType);
    }

    /// <summary>A task id from the path; one that is not a GUID names no task, as on the task API.</summary>
    private static Guid TaskId(string id) => Guid.TryParse(id, out var taskId) ? taskId : throw ReviewRefusals.NotInYourQueues();

    private static Task<JsonElement> ReadObjectAsync(HttpContext context) =>
        JsonFields.ReadRequestObjectAsync(context.Request, "request", context.RequestAborted);

    private static Guid LeaseToken(JsonElement root)
    {
        var text = JsonFields.String(root, "lease_token") ?? throw ApiException.BadRequest("'lease_token' is required: the lease token your claim gave.");
        return Guid.TryParse(text, out var lease) ? lease : throw ApiException.BadRequest("'lease_token' must be the lease token a claim gave (a GUID).");
    }
}
