using System.Net;
using System.Text.Json;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Gateway.Tests.Infrastructure;
using Npgsql;

namespace HiveOrleans.Gateway.Tests.Review;

/// <summary>
/// Signing in to the reviewer API on a real gateway and PostgreSQL: Bearer tokens, the session cookie and its
/// attributes, CSRF and Origin checks on state-changing cookie requests, sign-out, and a disabled reviewer or a
/// rotated token ending sessions at once.
/// </summary>
public sealed class ReviewerSignInTests(PostgresGatewayFixture gateway) : IClassFixture<PostgresGatewayFixture>, IDisposable
{
    private readonly ReviewDriver _review = new(gateway.Server);

    public void Dispose() => _review.Dispose();

    [Fact]
    public async Task A_request_with_no_credential_is_401_with_the_json_error()
    {
        var (status, body) = await _review.CallAsync(HttpMethod.Get, "/review/v1/queues");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, body.GetProperty("return_code").GetInt32());
        Assert.StartsWith("Sign in:", body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_is_401_as_bearer_as_another_scheme_and_at_sign_in()
    {
        var (id, token) = await _review.CreateReviewerAsync("wrong tokens", [gateway.Project.ProjectId]);

        var (bearer, bearerBody) = await _review.CallAsync(HttpMethod.Get, "/review/v1/session", bearer: ReviewerKeys.NewToken());
        var (malformed, _) = await _review.CallAsync(HttpMethod.Get, "/review/v1/session", bearer: "not-a-token");
        var (signIn, signInBody) = await _review.CallAsync(HttpMethod.Post, "/review/v1/session", new { token = ReviewerKeys.NewToken() });
        using var otherScheme = await SendWithAuthorizationAsync($"token {token}");

        Assert.Equal(HttpStatusCode.Unauthorized, bearer);
        Assert.Equal("Invalid reviewer token.", bearerBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, malformed);
        Assert.Equal(HttpStatusCode.Unauthorized, signIn);
        Assert.Equal("Invalid reviewer token.", signInBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, otherScheme.StatusCode);
        var (ok, who) = await _review.CallAsync(HttpMethod.Get, "/review/v1/session", bearer: token);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(id, who.GetProperty("reviewer_id").GetInt64());
    }

    [Fact]
    public async Task Signing_in_sets_an_http_only_strict_cookie_for_review_paths_and_says_who_is_signed_in()
    {
        var (id, token) = await _review.CreateReviewerAsync("Ada", [gateway.Project.ProjectId, gateway.OtherProject.ProjectId], "reviewer", "senior");

        var before = DateTimeOffset.UtcNow;
        var session = await _review.SignInAsync(token);

        var attributes = session.SetCookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Contains("path=/review", attributes);
        Assert.DoesNotContain("secure", attributes); // plain HTTP here; over TLS the cookie is Secure
        Assert.Equal(43, session.Cookie.Length);
        Assert.Equal(
            ["reviewer_id", "name", "projects", "roles", "csrf_token", "expires_on"],
            session.Body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, session.Body.GetProperty("reviewer_id").GetInt64());
        Assert.Equal("Ada", session.Body.GetProperty("name").GetString());
        Assert.Equal(["reviewer", "senior"], session.Body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var expires = session.Body.GetProperty("expires_on").GetDateTimeOffset();
        Assert.InRange(expires, before.AddHours(12).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12).AddMinutes(1));

        var (withCookie, seen) = await _review.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: session.Cookie);
        Assert.Equal(HttpStatusCode.OK, withCookie);
        Assert.Equal(session.Csrf, seen.GetProperty("csrf_token").GetString());
        Assert.Equal(id, seen.GetProperty("reviewer_id").GetInt64());

        var (withBearer, bearerSeen) = await _review.CallAsync(HttpMethod.Get, "/review/v1/session", bearer: token);
        Assert.Equal(HttpStatusCode.OK, withBearer);
        Assert.Equal(JsonValueKind.Null, bearerSeen.GetProperty("csrf_token").ValueKind);
        Assert.Equal(JsonValueKind.Null, bearerSeen.GetProperty("expires_on").ValueKind);
    }

    [Fact]
    public async Task A_session_is_stored_only_as_hashes_and_an_unknown_cookie_is_401()
    {
        var (_, token) = await _review.CreateReviewerAsync("hashed session", [gateway.Project.ProjectId]);
        var session = await _review.SignInAsync(token);

        var payloads = await SessionPayloadsAsync();

        var stored = Assert.Single(payloads, p => p.Contains(ReviewerKeys.HashToken(token), StringComparison.Ordinal));
        Assert.Contains(session.Csrf, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(payloads, p => p.Contains(session.Cookie, StringComparison.Ordinal) || p.Contains(token, StringComparison.Ordinal));
        var (unknown, body) = await _review.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: ReviewerSessionKeys.NewSecret());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown);
        Assert.Equal("The review session has ended or expired; sign in again.", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_state_changing_request_with_the_cookie_needs_the_sessions_csrf_token()
    {
        var (_, token) = await _review.CreateReviewerAsync("csrf", [gateway.Project.ProjectId]);
        var session = await _review.SignInAsync(token);
        var other = await _review.SignInAsync(token);

        var (missing, missingBody) = await _review.CallAsync(HttpMethod.Delete, "/review/v1/session", cookie: session.Cookie);
        var (wrong, _) = await _review.CallAsync(HttpMethod.Delete, "/review/v1/session", cookie: session.Cookie, csrf: other.Csrf);
        var (claim, _) = await _review.CallAsync(HttpMethod.Post, $"/review/v1/queues/{gateway.Project.ProjectId}/claim", cookie: session.Cookie);
        var (renew, _) = await _review.CallAsync(HttpMethod.Post, $"/review/v1/tasks/{Guid.NewGuid()}/renew", new { lease_token = Guid.NewGuid() }, cookie: session.Cookie, csrf: "x");

        Assert.Equal(HttpStatusCode.Forbidden, missing);
        Assert.Equal(403, missingBody.GetProperty("return_code").GetInt32());
        Assert.Contains("x-csrf-token", missingBody.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, wrong);
        Assert.Equal(HttpStatusCode.Forbidden, claim);
        Assert.Equal(HttpStatusCode.Forbidden, renew);

        // Refused requests changed nothing: the session still works for reading.
        var (still, _) = await _review.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: session.Cookie);
        Assert.Equal(HttpStatusCode.OK, still);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_good_and_clears_the_cookie()
    {
        var (_, token) = await _review.CreateReviewerAsync("signs out", [gateway.Project.ProjectId]);
        var session = await _review.SignInAsync(token);

        using var response = await _review.SendAsync(HttpMethod.Delete, "/review/v1/session", cookie: session.Cookie, csrf: session.Csrf);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cleared = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{ReviewDriver.CookieName}=;", cleared, StringComparison.Ordinal);
        Assert.Contains("path=/review", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        var (after, _) = await _review.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: session.Cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, after);
        Assert.DoesNotContain(await SessionPayloadsAsync(), p => p.Contains(session.Csrf, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bearer_requests_need_no_csrf_token()
    {
        var (_, token) = await _review.CreateReviewerAsync("bearer", [gateway.Project.ProjectId]);

        var (status, _) = await _review.CallAsync(HttpMethod.Delete, "/review/v1/session", bearer: token);

        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    [Fact]
    public async Task Cookie_requests_and_sign_in_from_a_foreign_origin_are_refused()
    {
        var (_, token) = await _review.CreateReviewerAsync("origins", [gateway.Project.ProjectId]);
        var session = await _review.SignInAsync(token);
        var own = gateway.Server.Address.GetLeftPart(UriPartial.Authority);

        var (foreignSignIn, _) = await _review.CallAsync(HttpMethod.Post, "/review/v1/session", new { token }, origin: "https://elsewhere.example");
        var (foreignSignOut, body) = await _review.CallAsync(HttpMethod.Delete, "/review/v1/session", cookie: session.Cookie, csrf: session.Csrf, origin: "https://elsewhere.example");
        var (ownSignOut, _) = await _review.CallAsync(HttpMethod.Delete, "/review/v1/session", cookie: session.Cookie, csrf: session.Csrf, origin: own);

        Assert.Equal(HttpStatusCode.Forbidden, foreignSignIn);
        Assert.Equal(HttpStatusCode.Forbidden, foreignSignOut);
        Assert.Contains("https://elsewhere.example", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, ownSignOut);
    }

    [Fact]
    public async Task Disabling_a_reviewer_ends_their_token_and_sessions_at_once_and_for_good()
    {
        var (id, token) = await _review.CreateReviewerAsync("disabled", [gateway.Project.ProjectId]);
        var session = await _review.SignInAsync(token);
        Assert.Equal(HttpStatusCode.OK, (await _review.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: session.Cookie)).Status);

        var (disabled, _) = await _review.Admin.AdminAsync(HttpMethod.Post, $"/admin/v1/reviewers/{id}/disable");

        Assert.Equal(HttpStatusCode.OK, disabled);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _review.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: session.Cookie)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _review.CallAsync(HttpMethod.Get, "/review/v1/session", bearer: token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _review.CallAsync(HttpMethod.Post, "/review/v1/session", new { token })).Status);

        await _review.Admin.AdminAsync(HttpMethod.Post, $"/admin/v1/reviewers/{id}/enable");
        Assert.Equal(HttpStatusCode.OK, (await _review.CallAsync(HttpMethod.Get, "/review/v1/session", bearer: token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _review.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: session.Cookie)).Status);
    }

    [Fact]
    public async Task A_claim_after_the_reviewer_is_disabled_is_401_and_ends_the_session_it_came_with()
    {
        var project = gateway.Project.ProjectId;
        var (id, token) = await _review.CreateReviewerAsync("disabled while working", [project]);
        var session = await _review.SignInAsync(token);
        var claim = $"/review/v1/queues/{project}/claim";
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await _review.CallAsync(HttpMethod.Post, claim, cookie: session.Cookie, csrf: session.Csrf)).Status);

        await _review.Admin.AdminAsync(HttpMethod.Post, $"/admin/v1/reviewers/{id}/disable");
        var (byCookie, cookieBody) = await _review.CallAsync(HttpMethod.Post, claim, cookie: session.Cookie, csrf: session.Csrf);
        var (byToken, tokenBody) = await _review.ClaimAsync(token, project);
        await _review.Admin.AdminAsync(HttpMethod.Post, $"/admin/v1/reviewers/{id}/enable");

        Assert.Equal(HttpStatusCode.Unauthorized, byCookie);
        Assert.Equal("The review session has ended or expired; sign in again.", cookieBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, byToken);
        Assert.Equal("Invalid reviewer token.", tokenBody.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await _review.CallAsync(HttpMethod.Post, claim, cookie: session.Cookie, csrf: session.Csrf)).Status);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await _review.ClaimAsync(token, project)).Status);
    }

    [Fact]
    public async Task Rotating_the_token_ends_the_sessions_it_signed_in()
    {
        var (id, token) = await _review.CreateReviewerAsync("rotated", [gateway.Project.ProjectId]);
        var session = await _review.SignInAsync(token);

        var (_, rotated) = await _review.Admin.AdminAsync(HttpMethod.Post, $"/admin/v1/reviewers/{id}/token/rotate");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _review.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: session.Cookie)).Status);
        var fresh = await _review.SignInAsync(rotated.GetProperty("token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await _review.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: fresh.Cookie)).Status);
    }

    private async Task<HttpResponseMessage> SendWithAuthorizationAsync(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/review/v1/session");
        request.Headers.TryAddWithoutValidation("authorization", authorization);
        return await _review.Http.SendAsync(request);
    }

    private async Task<List<string>> SessionPayloadsAsync()
    {
        await using var connection = new NpgsqlConnection(gateway.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE state_name = 'reviewersession' AND payload IS NOT NULL", connection);
        var payloads = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            payloads.Add(reader.GetString(0));
        }

        return payloads;
    }
}
