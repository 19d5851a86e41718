using System.Globalization;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Reviewers;
using Microsoft.Extensions.Primitives;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// <c>GET /admin/v1/audit</c>: the review audit log for operators, one task's, reviewer's or project's entries from a
/// time, a page at a time (<c>after</c> the last <c>seq</c> seen). Every query parameter is checked here, so a
/// mistake is a 400 naming it.
/// </summary>
internal static class AuditAdminApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Maps the endpoint on <paramref name="admin"/>, the operator API's group, so its token check applies.</summary>
    public static IEndpointRouteBuilder MapAuditAdminApi(this IEndpointRouteBuilder admin)
    {
        admin.MapGet("/audit", ReadAsync).WithName("ReadReviewAudit");
        return admin;
    }

    private static async Task<IResult> ReadAsync(HttpContext context, IGrainFactory grains)
    {
        var query = context.Request.Query;
        var filter = new ReviewAuditFilter(
            One(query, "task_id") is { } task ? TaskId(task) : null,
            One(query, "reviewer_id") is { } reviewer ? Whole(reviewer, "reviewer_id", 1, long.MaxValue) : null,
            One(query, "project_id") is { } project ? Whole(project, "project_id", 1, long.MaxValue) : null,
            One(query, "since") is { } since ? Time(since, "since") : null);
        if (!filter.IsNarrowed)
        {
            throw ApiException.BadRequest("Name at least one of 'task_id', 'reviewer_id' and 'project_id'.");
        }

        var after = One(query, "after") is { } afterText ? Whole(afterText, "after", 0, long.MaxValue) : 0;
        var limit = One(query, "limit") is { } limitText ? (int)Whole(limitText, "limit", 1, MaxLimit) : DefaultLimit;

        var desk = grains.GetGrain<IReviewDeskGrain>(0);
        var records = await desk.AuditAsync(filter, after, limit);

        // A full page may be the last: one more entry past it says whether there is a next page, so the last page
        // says so (next_after null) instead of sending the caller to an empty one.
        long? next = records.Count == limit && (await desk.AuditAsync(filter, records[^1].Seq, 1)).Count > 0 ? records[^1].Seq : null;
        var page = new ReviewAuditPageDocument([.. records.Select(ReviewAuditEntryDocument.From)], next);
        return WireJsonResult.Ok(page, WireJson.Context.ReviewAuditPageDocument);
    }

    /// <summary>The parameter's value, null when absent or empty; 400 when given twice.</summary>
    private static string? One(IQueryCollection query, string name)
    {
        StringValues values = query[name];
        return values.Count switch
        {
            0 => null,
            1 => string.IsNullOrEmpty(values[0]) ? null : values[0],
            _ => throw ApiException.GivenTwice(name),
        };
    }

    private static Guid TaskId(string text) =>
        Guid.TryParse(text, out var id) ? id : throw ApiException.BadRequest("'task_id' must be a task id (a GUID).");

    private static long Whole(string text, string name, long min, long max) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ApiException.BadRequest(max == long.MaxValue
                ? $"'{name}' must be a whole number of {min} or more."
                : $"'{name}' must be a whole number from {min} to {max}.");

    /// <summary>
    /// An ISO-8601 date or date and time (<c>2026-12-07</c>, <c>2026-12-07T06:00:00+01:00</c>); UTC unless it says
    /// otherwise. A <c>+</c> sent unescaped arrives as a space: an offset after a space is read as the <c>+</c> it was.
    /// </summary>
    private static DateTimeOffset Time(string text, string name)
    {
        var offset = text.LastIndexOf(' ');
        if (offset > 10 && text.Length - offset == 6 && text[offset + 3] == ':')
        {
            text = string.Concat(text.AsSpan(0, offset), "+", text.AsSpan(offset + 1));
        }

        return text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-' && text[7] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw ApiException.BadRequest($"'{name}' must be an ISO-8601 time such as 2026-12-07T06:00:00Z.");
    }
}
