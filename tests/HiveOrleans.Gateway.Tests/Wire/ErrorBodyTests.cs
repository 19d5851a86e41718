using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Wire;

/// <summary>
/// The contract's error body, <c>{"return_code", "message"}</c>, pinned as text for refusals from every source: the
/// gateway's own checks, grains' request exceptions (told apart by type and kind), and statuses with no body of their
/// own (no route, a wrong method).
/// </summary>
public sealed class ErrorBodyTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private readonly HttpClient _client = gateway.Client;

    [Fact]
    public async Task A_refused_bank_request_gets_the_status_of_its_kind_and_the_banks_message()
    {
        await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "taken" });

        (await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "taken" }))
            .AssertPinned(HttpStatusCode.Conflict, """{"return_code":409,"message":"Bank 'taken' already exists."}""");
        (await _client.AdminRawAsync(HttpMethod.Get, "/admin/v1/banks/unknown/hashes"))
            .AssertPinned(HttpStatusCode.NotFound, """{"return_code":404,"message":"Bank 'unknown' not found."}""");
        (await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "Not A Name" }))
            .AssertPinned(HttpStatusCode.BadRequest, """{"return_code":400,"message":"A bank name is 1–64 of a–z, 0–9, '_' and '-', starting with a letter or digit; got 'Not A Name'."}""");
        (await _client.AdminRawAsync(HttpMethod.Get, "/admin/v1/banks/unknown"))
            .AssertPinned(HttpStatusCode.NotFound, """{"return_code":404,"message":"Bank 'unknown' not found."}""");
    }

    [Fact]
    public async Task Messages_keep_quotes_apostrophes_and_dashes_readable_and_escape_only_what_JSON_must()
    {
        (await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks", new { description = "no name" }))
            .AssertPinned(HttpStatusCode.BadRequest, """{"return_code":400,"message":"'name' is required: the bank's name (a–z, 0–9, '_' and '-')."}""");
        await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks", new { name = "strict" });
        (await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/banks/strict/hashes", new { hashes = new[] { 1 } }))
            .AssertPinned(HttpStatusCode.BadRequest, """{"return_code":400,"message":"hashes[0] must be an object {\"content_id\", \"hash\", \"label\"}."}""");
        (await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/projects", new { name = "x", model_type = "holograms" }))
            .AssertPinned(HttpStatusCode.BadRequest, """{"return_code":400,"message":"'model_type' must be one of text, visual, ocr, speech, logo, scene, face."}""");
    }

    [Fact]
    public async Task Operator_and_task_refusals_are_written_exactly_as_before()
    {
        (await _client.AdminRawAsync(HttpMethod.Get, "/admin/v1/projects/987654"))
            .AssertPinned(HttpStatusCode.NotFound, """{"return_code":404,"message":"Project not found."}""");
        (await _client.AdminRawAsync(HttpMethod.Post, "/admin/v1/projects/1/keys/3/rotate"))
            .AssertPinned(HttpStatusCode.BadRequest, """{"return_code":400,"message":"A project has key slots 1 and 2."}""");
        (await _client.SendRawAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/v1/projects")))
            .AssertPinned(HttpStatusCode.Unauthorized, """{"return_code":401,"message":"Operator token required: 'authorization: Bearer <token>'."}""");
        (await _client.SendRawAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v2/task/00000000-0000-0000-0000-000000000001")))
            .AssertPinned(HttpStatusCode.BadRequest, """{"return_code":400,"message":"Invalid Auth Method. 'Token' authentication required."}""");
        (await _client.SendRawAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v2/task/00000000-0000-0000-0000-000000000001").WithToken(gateway.Project.Key)))
            .AssertPinned(HttpStatusCode.NotFound, """{"return_code":404,"message":"Task not found."}""");
        (await _client.SendRawAsync(new HttpRequestMessage(HttpMethod.Get, "/nothing/here")))
            .AssertPinned(HttpStatusCode.NotFound, """{"return_code":404,"message":"Nothing is at GET /nothing/here: no such path, or a path value of the wrong form."}""");
        (await _client.SendRawAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v2/task/sync")))
            .AssertPinned(HttpStatusCode.MethodNotAllowed, """{"return_code":405,"message":"DELETE /api/v2/task/sync: this method is not allowed on this path."}""");
    }
}
