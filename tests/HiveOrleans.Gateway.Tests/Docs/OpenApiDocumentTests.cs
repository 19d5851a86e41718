using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Docs;

/// <summary>
/// The OpenAPI document the gateway serves describes the task and operator APIs as ../shared/API.md lays them out:
/// what each operation does, who may call it, its request body, its answers, and the JSON error for each failure.
/// </summary>
public sealed class OpenApiDocumentTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>
{
    private static readonly string[] TaskFields = ["text_data", "url", "callback_url", "metadata", "idempotency_key"];

    [Theory]
    [InlineData("/api/v2/task/sync", "Task", new[] { 200, 400, 403, 413, 415, 429, 503, 504 })]
    [InlineData("/api/v1/task/sync", "Task", new[] { 200, 400, 403, 413, 415, 429, 503, 504 })]
    [InlineData("/api/v2/task/async", "Acknowledgement", new[] { 200, 400, 403, 413, 415, 429, 503 })]
    [InlineData("/api/v1/task/async", "Acknowledgement", new[] { 200, 400, 403, 413, 415, 429, 503 })]
    public async Task A_submission_is_described_with_its_three_body_forms_its_answer_and_its_failures(string path, string answer, int[] statuses)
    {
        var document = await DocumentAsync();
        var operation = document["paths"]![path]!["post"]!;

        Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]));
        Assert.Contains("exactly one of `text_data`", (string?)operation["description"], StringComparison.Ordinal);
        Assert.Equal("ProjectKey", Assert.Single(operation["security"]!.AsArray())!.AsObject().Single().Key);

        var content = operation["requestBody"]!["content"]!;
        Assert.Equal(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"], content.AsObject().Select(c => c.Key).Order());
        var upload = Component(document, content["multipart/form-data"]!["schema"]!);
        Assert.Superset(TaskFields.Append("media").ToHashSet(), upload["properties"]!.AsObject().Select(p => p.Key).ToHashSet());
        Assert.Equal("binary", (string?)upload["properties"]!["media"]!["format"]);
        var json = Component(document, content["application/json"]!["schema"]!);
        Assert.Equal(TaskFields.Order(), json["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.NotNull(content["application/json"]!["examples"]!["text"]!["value"]!["text_data"]);

        var responses = operation["responses"]!.AsObject();
        Assert.Equal(statuses.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)), responses.Select(r => r.Key));
        var success = responses["200"]!["content"]!["application/json"]!;
        Assert.Equal($"#/components/schemas/{answer}", (string?)success["schema"]!["$ref"]);
        Assert.NotNull(success["example"]!["task_id"]);
    }

    [Fact]
    public async Task Reading_resending_and_following_a_task_are_described_with_their_answers()
    {
        var paths = (await DocumentAsync())["paths"]!;

        foreach (var (path, method) in new[] { ("/api/v2/task/{id}", "get"), ("/api/v2/task", "get"), ("/api/v1/task", "get"), ("/api/v2/task/{id}/resend", "post"), ("/api/v2/task/{id}/events", "get") })
        {
            var operation = paths[path]![method]!;
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), path);
            Assert.NotNull(operation["responses"]!["404"]);
            Assert.Equal("ProjectKey", operation["security"]![0]!.AsObject().Single().Key);
        }

        var success = paths["/api/v2/task/{id}"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!;
        Assert.Equal("#/components/schemas/Task", (string?)success["schema"]!["$ref"]);
        Assert.NotNull(success["example"]!["status"]![0]!["response"]!["output"]![0]!["classes"]);
        var byQuery = paths["/api/v2/task"]!["get"]!["parameters"]!.AsArray();
        Assert.Contains(byQuery, p => (string?)p!["name"] == "task_id" && (string?)p["in"] == "query" && (bool?)p["required"] == true);
        Assert.Contains(byQuery, p => (string?)p!["name"] == "frame_limit");
        Assert.NotNull(paths["/api/v2/task/{id}/events"]!["get"]!["responses"]!["200"]!["content"]!["text/event-stream"]);
    }

    [Fact]
    public async Task A_batch_is_described_with_its_json_and_ndjson_bodies_its_per_item_answer_and_its_progress()
    {
        var document = await DocumentAsync();
        var submit = document["paths"]!["/api/v2/task/batch"]!["post"]!;

        Assert.Equal("ProjectKey", Assert.Single(submit["security"]!.AsArray())!.AsObject().Single().Key);
        Assert.Contains("100,000 lines", (string?)submit["description"], StringComparison.Ordinal);
        var content = submit["requestBody"]!["content"]!;
        Assert.Equal(["application/json", "application/x-ndjson"], content.AsObject().Select(c => c.Key).Order());
        var items = Component(document, content["application/json"]!["schema"]!);
        Assert.Equal("#/components/schemas/TaskSubmission", (string?)items["items"]!["$ref"]);
        Assert.Contains(submit["parameters"]!.AsArray(), p => (string?)p!["name"] == "callback_url" && (string?)p["in"] == "query");
        Assert.Equal(["200", "400", "403", "413", "415", "429", "503"], submit["responses"]!.AsObject().Select(r => r.Key));
        var answer = submit["responses"]!["200"]!["content"]!["application/json"]!;
        Assert.Equal("#/components/schemas/BatchAcknowledgement", (string?)answer["schema"]!["$ref"]);
        Assert.NotNull(answer["example"]!["items"]![1]!["error"]!["return_code"]);

        var progress = document["paths"]!["/api/v2/batch/{id}"]!["get"]!;
        Assert.Equal("#/components/schemas/Batch", (string?)progress["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("Batch not found.", (string?)progress["responses"]!["404"]!["content"]!["application/json"]!["examples"]!["404-1"]!["value"]!["message"]);
        var batch = document["components"]!["schemas"]!["Batch"]!["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "pending", "processing", "succeeded", "failed", "items", "accepted", "rejected", "status" }, batch);
    }

    [Fact]
    public async Task The_project_key_and_the_operator_token_are_its_two_security_schemes()
    {
        var schemes = (await DocumentAsync())["components"]!["securitySchemes"]!;

        Assert.Equal("apiKey", (string?)schemes["ProjectKey"]!["type"]);
        Assert.Equal("header", (string?)schemes["ProjectKey"]!["in"]);
        Assert.Equal("authorization", (string?)schemes["ProjectKey"]!["name"]);
        Assert.Contains("token <API_KEY>", (string?)schemes["ProjectKey"]!["description"], StringComparison.Ordinal);
        Assert.Equal("http", (string?)schemes["OperatorToken"]!["type"]);
        Assert.Equal("bearer", (string?)schemes["OperatorToken"]!["scheme"]);
    }

    [Fact]
    public async Task Every_operation_says_what_it_does_who_may_call_it_and_how_it_fails()
    {
        var document = await DocumentAsync();
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Operation: o.Value!))).ToList();

        Assert.True(operations.Count >= 30, $"only {operations.Count} operations");
        foreach (var (path, method, operation) in operations)
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{name} has no summary");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["description"]), $"{name} has no description");
            var schemes = string.Join(" or ", operation["security"]?.AsArray().Select(r => r!.AsObject().Single().Key) ?? []);
            var expected = path.StartsWith("/admin/", StringComparison.Ordinal) ? "OperatorToken"
                : path.StartsWith("/api/", StringComparison.Ordinal) ? "ProjectKey"
                : path.StartsWith("/review/", StringComparison.Ordinal) && name != "POST /review/v1/session" ? "ReviewerToken or ReviewerSession"
                : string.Empty;
            Assert.True(expected == schemes, $"{name} names the schemes '{schemes}', not '{expected}'");

            foreach (var (status, response) in operation["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
            {
                var error = response!["content"]!["application/json"]!;
                Assert.True((string?)error["schema"]!["$ref"] == "#/components/schemas/Error", $"{name} {status} is not the JSON error");
                foreach (var (_, example) in error["examples"]!.AsObject())
                {
                    Assert.Equal(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), (int)example!["value"]!["return_code"]!);
                    Assert.False(string.IsNullOrWhiteSpace((string?)example["value"]!["message"]), $"{name} {status}");
                }

                if (status is "429" or "503")
                {
                    Assert.True(response["headers"]?["Retry-After"] is not null, $"{name} {status} does not name Retry-After");
                }
            }
        }

        var errorBody = document["components"]!["schemas"]!["Error"]!;
        Assert.Equal(["message", "return_code"], errorBody["required"]!.AsArray().Select(r => (string)r!).Order());
    }

    [Fact]
    public async Task The_documented_errors_are_the_ones_the_gateway_sends()
    {
        var document = await DocumentAsync();
        var key = gateway.Project.Key;
        var operatorToken = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayServer.OperatorToken);

        await AssertDocumentedAsync(document, "/api/v2/task/sync", "post", new HttpRequestMessage(HttpMethod.Post, "/api/v2/task/sync"));
        await AssertDocumentedAsync(document, "/api/v2/task/{id}", "get", WithHeader(new(HttpMethod.Get, $"/api/v2/task/{Guid.NewGuid()}"), "authorization", $"token {key}"));
        await AssertDocumentedAsync(document, "/api/v2/task/batch", "post", WithHeader(new(HttpMethod.Post, "/api/v2/task/batch") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") }, "authorization", $"token {key}"));
        await AssertDocumentedAsync(document, "/api/v2/batch/{id}", "get", WithHeader(new(HttpMethod.Get, $"/api/v2/batch/{Guid.NewGuid()}"), "authorization", $"token {key}"));
        await AssertDocumentedAsync(document, "/api/v2/task/{id}/resend", "post", WithHeader(new(HttpMethod.Post, $"/api/v2/task/{Guid.NewGuid()}/resend"), "authorization", $"token {key}"));
        await AssertDocumentedAsync(document, "/admin/v1/projects", "get", new HttpRequestMessage(HttpMethod.Get, "/admin/v1/projects"));
        await AssertDocumentedAsync(document, "/admin/v1/projects/{id}", "get", new HttpRequestMessage(HttpMethod.Get, "/admin/v1/projects/999999") { Headers = { Authorization = operatorToken } });
        await AssertDocumentedAsync(document, "/admin/v1/banks/{name}", "get", new HttpRequestMessage(HttpMethod.Get, "/admin/v1/banks/known-spam") { Headers = { Authorization = operatorToken } });
        await AssertDocumentedAsync(document, "/admin/v1/models/{name}", "get", new HttpRequestMessage(HttpMethod.Get, "/admin/v1/models/weapons") { Headers = { Authorization = operatorToken } });
        await AssertDocumentedAsync(document, "/admin/v1/reviewers/{id}", "get", new HttpRequestMessage(HttpMethod.Get, "/admin/v1/reviewers/999999") { Headers = { Authorization = operatorToken } });
        await AssertDocumentedAsync(document, "/admin/v1/audit", "get", new HttpRequestMessage(HttpMethod.Get, $"/admin/v1/audit?task_id={Guid.NewGuid()}&limit=0") { Headers = { Authorization = operatorToken } });
        await AssertDocumentedAsync(document, "/review/v1/queues", "get", new HttpRequestMessage(HttpMethod.Get, "/review/v1/queues"));
        await AssertDocumentedAsync(document, "/review/v1/session", "get", WithHeader(new(HttpMethod.Get, "/review/v1/session"), "authorization", $"Bearer {HiveOrleans.Abstractions.Reviewers.ReviewerKeys.NewToken()}"));
        await AssertDocumentedAsync(document, "/review/v1/session", "post", new HttpRequestMessage(HttpMethod.Post, "/review/v1/session") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });
    }

    [Fact]
    public async Task The_reviewer_api_and_the_audit_log_are_described_with_their_schemes_and_shapes()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!;
        var schemes = document["components"]!["securitySchemes"]!;

        Assert.Equal("bearer", (string?)schemes["ReviewerToken"]!["scheme"]);
        Assert.Equal("cookie", (string?)schemes["ReviewerSession"]!["in"]);
        Assert.Equal("hive_review_session", (string?)schemes["ReviewerSession"]!["name"]);
        foreach (var (path, method) in new[]
        {
            ("/review/v1/session", "post"), ("/review/v1/session", "get"), ("/review/v1/session", "delete"), ("/review/v1/queues", "get"),
            ("/review/v1/queues/{project_id}/claim", "post"), ("/review/v1/tasks/{id}/renew", "post"), ("/review/v1/tasks/{id}/release", "post"),
            ("/review/v1/tasks/{id}/decision", "post"), ("/review/v1/tasks/{id}/media", "get"),
        })
        {
            Assert.Equal("Reviewer API", (string?)paths[path]![method]!["tags"]![0]);
        }

        var claim = paths["/review/v1/queues/{project_id}/claim"]!["post"]!;
        Assert.Equal("#/components/schemas/ReviewGrant", (string?)claim["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        var conflicts = paths["/review/v1/tasks/{id}/decision"]!["post"]!["responses"]!["409"]!["content"]!["application/json"]!["examples"]!.AsObject();
        Assert.Equal(["already_decided", "held_by_another", "lease_expired"], conflicts.Select(e => (string)e.Value!["value"]!["reason"]!).Order());
        var audit = paths["/admin/v1/audit"]!["get"]!;
        Assert.Equal("Reviewers", (string?)audit["tags"]![0]);
        Assert.Equal(["after", "limit", "project_id", "reviewer_id", "since", "task_id"], audit["parameters"]!.AsArray().Select(p => (string)p!["name"]!).Order());
        Assert.Equal("#/components/schemas/ReviewAuditPage", (string?)audit["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]);
    }

    [Fact]
    public async Task The_reviewer_endpoints_are_described_under_their_own_tag_with_their_shapes()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!;

        foreach (var (path, method) in new[]
        {
            ("/admin/v1/reviewers", "post"), ("/admin/v1/reviewers", "get"), ("/admin/v1/reviewers/{id}", "get"), ("/admin/v1/reviewers/{id}", "patch"),
            ("/admin/v1/reviewers/{id}/token/rotate", "post"), ("/admin/v1/reviewers/{id}/disable", "post"), ("/admin/v1/reviewers/{id}/enable", "post"),
        })
        {
            var operation = paths[path]![method]!;
            Assert.Equal("Reviewers", (string?)operation["tags"]![0]);
            Assert.Equal("OperatorToken", operation["security"]![0]!.AsObject().Single().Key);
        }

        var create = paths["/admin/v1/reviewers"]!["post"]!;
        Assert.Equal("#/components/schemas/NewReviewer", (string?)create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal("#/components/schemas/CreatedReviewer", (string?)create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.NotNull(create["responses"]!["400"]);
        Assert.NotNull(paths["/admin/v1/reviewers/{id}"]!["get"]!["responses"]!["404"]);
        var reviewer = document["components"]!["schemas"]!["Reviewer"]!;
        Assert.Equal(["created_on", "disabled", "name", "projects", "reviewer_id", "roles", "updated_on"], reviewer["properties"]!.AsObject().Select(p => p.Key).Order());
    }

    private async Task AssertDocumentedAsync(JsonNode document, string path, string method, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await gateway.Client.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>();
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var examples = document["paths"]![path]![method]!["responses"]![status]?["content"]!["application/json"]!["examples"]!.AsObject();
            Assert.True(examples is not null, $"{method} {path} answered {status}, which the document does not name");
            Assert.True(
                examples.Any(e => JsonNode.DeepEquals(e.Value!["value"], body)),
                $"{method} {path} answered {body}; the document's {status} examples are {string.Join(", ", examples.Select(e => e.Value!["value"]!.ToJsonString()))}");
        }
    }

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var response = await gateway.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonNode Component(JsonNode document, JsonNode reference)
    {
        var name = ((string?)reference["$ref"])!.Split('/')[^1];
        return document["components"]!["schemas"]![name]!;
    }
}
