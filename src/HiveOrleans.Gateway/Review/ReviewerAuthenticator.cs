using System.Net;
using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Gateway.Auth;
using HiveOrleans.Gateway.Wire;

namespace HiveOrleans.Gateway.Review;

/// <summary>
/// Authenticates the reviewer API: <c>authorization: Bearer &lt;reviewer token&gt;</c>, or the session cookie the
/// reviewer page signs in for. Nothing is cached: the token is resolved on every request (through the session's
/// stored token hash for the cookie), so a disabled reviewer or a rotated token is refused at once. A request with
/// the cookie that changes anything must carry the session's CSRF token and no foreign <c>Origin</c>; a Bearer
/// request needs neither, since a browser never adds that header by itself. Wrong tokens and sessions count towards
/// the gateway's <see cref="AuthFailureThrottle"/>; a request with no credential at all (a page asking whether it is
/// signed in) does not.
/// </summary>
internal sealed class ReviewerAuthenticator(IGrainFactory grains, AuthFailureThrottle throttle)
{
    public const string CookieName = "hive_review_session";
    public const string CsrfHeader = "x-csrf-token";
    public const string CookiePath = "/review";

    private const string BearerScheme = "Bearer ";

    public async Task<ReviewerCaller> AuthenticateAsync(HttpRequest request)
    {
        var client = request.HttpContext.Connection.RemoteIpAddress;
        throttle.ThrowIfBlocked(client);
        var header = request.Headers.Authorization.ToString();
        if (header.Length > 0)
        {
            var value = header.AsSpan().Trim();
            if (!value.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase))
            {
                throttle.RecordFailure(client);
                throw Unauthorized("The reviewer API takes 'authorization: Bearer <reviewer token>'.");
            }

            var identity = await ResolveTokenAsync(value[BearerScheme.Length..].Trim().ToString(), client);
            return new ReviewerCaller(identity, null, null);
        }

        if (request.Cookies[CookieName] is { Length: > 0 } sessionId)
        {
            return await SessionAsync(request, sessionId, client);
        }

        throw Unauthorized("Sign in: send 'authorization: Bearer <reviewer token>', or the cookie that POST /review/v1/session sets.");
    }

    /// <summary>Who <paramref name="token"/> signs in as; 401 (counted as a failure) unless it is a live token of an enabled reviewer.</summary>
    public async Task<ReviewerIdentity> ResolveTokenAsync(string token, IPAddress? client)
    {
        throttle.ThrowIfBlocked(client);
        var identity = ReviewerSessionKeys.IsWellFormed(token)
            ? await grains.GetGrain<IReviewerTokenGrain>(ReviewerKeys.TokenGrainKey(token)).ResolveAsync()
            : null;
        if (identity is null)
        {
            throttle.RecordFailure(client);
            throw Unauthorized("Invalid reviewer token.");
        }

        return identity;
    }

    /// <summary>
    /// 403 for a request whose <c>Origin</c> is present and not this gateway's own: a page elsewhere making the browser
    /// send the cookie (or sign in) on a reviewer's behalf.
    /// </summary>
    public static void RefuseForeignOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase))
        {
            throw Forbidden($"Requests from the origin '{origin}' are refused: the reviewer API takes the session cookie from its own pages only.");
        }
    }

    private async Task<ReviewerCaller> SessionAsync(HttpRequest request, string sessionId, IPAddress? client)
    {
        const string ended = "The review session has ended or expired; sign in again.";
        if (!ReviewerSessionKeys.IsWellFormed(sessionId))
        {
            throttle.RecordFailure(client);
            throw Unauthorized(ended);
        }

        var key = ReviewerSessionKeys.GrainKey(sessionId);
        var sessionGrain = grains.GetGrain<IReviewerSessionGrain>(key);
        if (await sessionGrain.GetAsync() is not { } session)
        {
            throttle.RecordFailure(client);
            throw Unauthorized(ended);
        }

        if (await grains.GetGrain<IReviewerTokenGrain>(ReviewerKeys.TokenGrainKeyForHash(session.TokenHash)).ResolveAsync() is not { } identity)
        {
            // The reviewer was disabled or the token rotated: the session ends for good, even if the reviewer comes back.
            await sessionGrain.EndAsync();
            throw Unauthorized(ended);
        }

        if (ChangesState(request.Method))
        {
            RefuseForeignOrigin(request);
            var given = request.Headers[CsrfHeader];
            if (given.Count != 1 || !ReviewerSessionKeys.CsrfMatches(session.CsrfToken, given[0]))
            {
                throw Forbidden($"A request that changes anything with the session cookie must send '{CsrfHeader}' with the session's CSRF token.");
            }
        }

        return new ReviewerCaller(identity, key, session);
    }

    private static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static ApiException Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, message);

    private static ApiException Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);
}
