using System.Text.Json;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Reviewers;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// The operator API for manual review's reviewers, under <c>/admin/v1/reviewers</c> and the operator token. It reads
/// JSON shapes only; what a valid reviewer is (name, roles, projects that exist) is the reviewer grain's rule, and its
/// refusals (<see cref="ReviewerRequestException"/>) become 400 or 404 in <see cref="ApiErrorHandling"/>.
/// </summary>
internal static class ReviewerAdminApi
{
    /// <summary>Maps the reviewer endpoints on <paramref name="admin"/>, the operator API's group, so its token check applies.</summary>
    public static IEndpointRouteBuilder MapReviewerAdminApi(this IEndpointRouteBuilder admin)
    {
        var reviewers = admin.MapGroup("/reviewers");
        reviewers.MapPost("", CreateReviewerAsync).WithName("CreateReviewer");
        reviewers.MapGet("", ListReviewersAsync).WithName("ListReviewers");
        reviewers.MapGet("/{id:long}", GetReviewerAsync).WithName("GetReviewer");
        reviewers.MapPatch("/{id:long}", UpdateReviewerAsync).WithName("UpdateReviewer");
        reviewers.MapPost("/{id:long}/token/rotate", RotateTokenAsync).WithName("RotateReviewerToken");
        reviewers.MapPost("/{id:long}/disable", (long id, IGrainFactory grains) => SetDisabledAsync(id, true, grains)).WithName("DisableReviewer");
        reviewers.MapPost("/{id:long}/enable", (long id, IGrainFactory grains) => SetDisabledAsync(id, false, grains)).WithName("EnableReviewer");
        return admin;
    }

    private static async Task<IResult> CreateReviewerAsync(HttpContext context, IGrainFactory grains)
    {
        var root = await ReadObjectAsync(context);
        var spec = new ReviewerSpec
        {
            Name = JsonFields.String(root, "name") ?? throw ApiException.BadRequest($"'name' is required: 1 to {ReviewerLimits.MaxNameLength} characters."),
            Projects = Projects(root) ?? throw ApiException.BadRequest("'projects' is required: an array of project ids."),
            Roles = Roles(root) ?? throw ApiException.BadRequest("'roles' is required: an array of \"reviewer\" and/or \"senior\"."),
        };

        var reviewerId = await grains.GetGrain<IReviewerDirectoryGrain>(IReviewerDirectoryGrain.Key).AllocateReviewerIdAsync();
        var created = await Reviewer(grains, reviewerId).CreateAsync(spec);
        context.Response.Headers.Location = $"/admin/v1/reviewers/{reviewerId}";
        return WireJsonResult.Created(ReviewerDocument.From(created), WireJson.Context.ReviewerDocument);
    }

    private static async Task<IResult> ListReviewersAsync(IGrainFactory grains)
    {
        var last = await grains.GetGrain<IReviewerDirectoryGrain>(IReviewerDirectoryGrain.Key).GetLastReviewerIdAsync();
        var reviewers = await Task.WhenAll(Enumerable.Range(1, (int)last).Select(id => Reviewer(grains, id).GetAsync()));
        return WireJsonResult.Ok(ReviewerListDocument.From(reviewers.OfType<ReviewerDetails>()), WireJson.Context.ReviewerListDocument);
    }

    private static async Task<IResult> GetReviewerAsync(long id, IGrainFactory grains) =>
        ReviewerResult(await Reviewer(grains, id).GetAsync() ?? throw new ApiException(StatusCodes.Status404NotFound, "Reviewer not found."));

    private static async Task<IResult> UpdateReviewerAsync(long id, HttpContext context, IGrainFactory grains)
    {
        var root = await ReadObjectAsync(context);
        var changes = new ReviewerChanges { Name = JsonFields.String(root, "name"), Projects = Projects(root), Roles = Roles(root) };
        return ReviewerResult(await Reviewer(grains, id).UpdateAsync(changes));
    }

    private static async Task<IResult> RotateTokenAsync(long id, IGrainFactory grains)
    {
        var token = await Reviewer(grains, id).RotateTokenAsync();
        return WireJsonResult.Ok(new ReviewerTokenRotatedDocument(id, token), WireJson.Context.ReviewerTokenRotatedDocument);
    }

    private static async Task<IResult> SetDisabledAsync(long id, bool disabled, IGrainFactory grains) =>
        ReviewerResult(await Reviewer(grains, id).SetDisabledAsync(disabled));

    private static IReviewerGrain Reviewer(IGrainFactory grains, long id) => grains.GetGrain<IReviewerGrain>(ReviewerKeys.GrainKey(id));

    private static WireJsonResult<ReviewerDocument> ReviewerResult(ReviewerDetails reviewer) =>
        WireJsonResult.Ok(ReviewerDocument.From(reviewer), WireJson.Context.ReviewerDocument);

    private static Task<JsonElement> ReadObjectAsync(HttpContext context) =>
        JsonFields.ReadRequestObjectAsync(context.Request, "reviewer", context.RequestAborted);

    /// <summary>The project ids, or null when absent. The count is checked before the ids are read into a list.</summary>
    private static long[]? Projects(JsonElement root)
    {
        if (JsonFields.Field(root, "projects") is not { } projects)
        {
            return null;
        }

        if (projects.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest("'projects' must be an array of project ids.");
        }

        var count = projects.GetArrayLength();
        if (count > ReviewerLimits.MaxProjects)
        {
            throw ApiException.BadRequest($"'projects' may name at most {ReviewerLimits.MaxProjects:N0} projects; got {count:N0}.");
        }

        return [.. projects.EnumerateArray().Select((p, i) => JsonFields.WholeNumber(p, $"projects[{i}]", 1, long.MaxValue))];
    }

    private static string[]? Roles(JsonElement root) => JsonFields.Strings(root, "roles");
}
