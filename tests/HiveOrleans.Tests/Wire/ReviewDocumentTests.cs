using System.Text.Json;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Reviewers;

namespace HiveOrleans.Tests.Wire;

/// <summary>The reviewer API's and the audit log's documents on their own: field names, JSON detail, queue ages, the 409 reason.</summary>
public sealed class ReviewDocumentTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_audit_entrys_detail_is_written_as_the_json_object_it_was_stored_as()
    {
        var lease = Guid.Parse("0197a3c1-5a1e-7000-8000-00000000c1a1");
        var task = Guid.Parse("0197a3c1-0000-7000-8000-000000000001");
        var record = new ReviewAuditRecord(41, new ReviewAuditEntry(At, ReviewAuditActions.Decide, 3, task, "main", 5, lease, """{"labels":["bullying"],"reason":"intimidation"}"""));

        var json = JsonSerializer.Serialize(new ReviewAuditPageDocument([ReviewAuditEntryDocument.From(record)], null), WireJson.Context.ReviewAuditPageDocument);

        Assert.Equal(
            """{"entries":[{"seq":41,"at":"2026-12-07T06:00:00.000Z","action":"decide","project_id":3,"task_id":"0197a3c1-0000-7000-8000-000000000001","queue":"main","reviewer_id":5,"lease_token":"0197a3c1-5a1e-7000-8000-00000000c1a1","detail":{"labels":["bullying"],"reason":"intimidation"}}],"next_after":null}""",
            json);
    }

    [Fact]
    public void A_time_out_has_no_reviewer_lease_or_detail_and_a_detail_that_is_not_json_stays_text()
    {
        var timeout = ReviewAuditEntryDocument.From(new ReviewAuditRecord(1, new ReviewAuditEntry(At, ReviewAuditActions.TimeOut, 3, Guid.NewGuid(), "main", null, null, null)));
        var odd = ReviewAuditEntryDocument.From(new ReviewAuditRecord(2, new ReviewAuditEntry(At, ReviewAuditActions.Release, 3, Guid.NewGuid(), "main", 1, null, "not json")));

        using var timeoutJson = JsonDocument.Parse(JsonSerializer.Serialize(new ReviewAuditPageDocument([timeout, odd], 2), WireJson.Context.ReviewAuditPageDocument));

        var entries = timeoutJson.RootElement.GetProperty("entries");
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("reviewer_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("lease_token").ValueKind);
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("detail").ValueKind);
        Assert.Equal("not json", entries[1].GetProperty("detail").GetString());
        Assert.Equal(2, timeoutJson.RootElement.GetProperty("next_after").GetInt64());
    }

    [Fact]
    public void A_queue_says_how_long_its_oldest_task_has_waited_and_an_empty_one_says_null()
    {
        var busy = ReviewQueueDocument.From(new ReviewQueueView(1, "chat", "main", 12, 2, At, ["violence"]), At.AddSeconds(540.7));
        var empty = ReviewQueueDocument.From(new ReviewQueueView(1, "chat", "escalated", 0, 0, null, ["violence"]), At);

        Assert.Equal(540, busy.OldestPendingAgeSeconds);
        Assert.Null(empty.OldestPendingAgeSeconds);
        Assert.Equal(
            """{"queues":[{"project_id":1,"project_name":"chat","queue":"main","pending":12,"leased":2,"oldest_pending_on":"2026-12-07T06:00:00.000Z","oldest_pending_age_seconds":540,"labels":["violence"]}]}""",
            JsonSerializer.Serialize(new ReviewQueueListDocument([busy]), WireJson.Context.ReviewQueueListDocument));
    }

    [Fact]
    public void The_409_reason_is_written_only_when_there_is_one()
    {
        Assert.Equal(
            """{"return_code":409,"message":"Another reviewer holds this task now.","reason":"held_by_another"}""",
            JsonSerializer.Serialize(new ErrorDocument(409, "Another reviewer holds this task now.", Reason: "held_by_another"), WireJson.Context.ErrorDocument));
        Assert.Equal("""{"return_code":404,"message":"Task not found."}""", JsonSerializer.Serialize(new ErrorDocument(404, "Task not found."), WireJson.Context.ErrorDocument));
    }

    [Fact]
    public void Csrf_tokens_match_only_exactly()
    {
        var token = ReviewerSessionKeys.NewSecret();

        Assert.True(ReviewerSessionKeys.CsrfMatches(token, token));
        Assert.False(ReviewerSessionKeys.CsrfMatches(token, token[..^1]));
        Assert.False(ReviewerSessionKeys.CsrfMatches(token, token.ToUpperInvariant()));
        Assert.False(ReviewerSessionKeys.CsrfMatches(token, null));
        Assert.False(ReviewerSessionKeys.CsrfMatches(token, ReviewerSessionKeys.NewSecret()));
        Assert.True(ReviewerSessionKeys.IsWellFormed(token));
        Assert.NotEqual(ReviewerSessionKeys.GrainKey(token), ReviewerSessionKeys.GrainKey(ReviewerSessionKeys.NewSecret()));
        Assert.DoesNotContain(token, ReviewerSessionKeys.GrainKey(token), StringComparison.Ordinal);
    }
}
