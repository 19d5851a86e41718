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
    private const string SessionEnded = "The review session has ended or expired; sign in again.";

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

            var token = value[BearerScheme.Length..].Trim().ToString();
            if (!ReviewerSessionKeys.IsWellFormed(token))
            {
                throw InvalidToken(client);
            }

            return new ReviewerCaller(ReviewerCredential.FromTokenHash(ReviewerKeys.HashToken(token)), null, null);
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
        return identity ?? throw InvalidToken(client);
    }

    /// <summary>
    /// Runs a desk call as <paramref name="caller"/>; when the desk finds the token no longer live, 401, and a session
    /// that named it ends for good, even if the reviewer comes back.
    /// </summary>
    public async Task<T> DeskAsync<T>(HttpRequest request, ReviewerCaller caller, Func<IReviewDeskGrain, ReviewerCredential, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call(grains.GetGrain<IReviewDeskGrain>(0), caller.Credential);
        }
        catch (ReviewerUnauthorizedException)
        {
            throw await RefusedAsync(request, caller);
        }
    }

    /// <summary>Who <paramref name="caller"/> is now, resolved here; 401 as for <see cref="DeskAsync"/>.</summary>
    public async Task<ReviewerIdentity> IdentityAsync(HttpRequest request, ReviewerCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var key = caller.Credential.TokenGrainKey ?? throw new InvalidOperationException("A caller's credential names a token.");
        return await grains.GetGrain<IReviewerTokenGrain>(key).ResolveAsync() ?? throw await RefusedAsync(request, caller);
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
        if (!ReviewerSessionKeys.IsWellFormed(sessionId))
        {
            throttle.RecordFailure(client);
            throw Unauthorized(SessionEnded);
        }

        var key = ReviewerSessionKeys.GrainKey(sessionId);
        var sessionGrain = grains.GetGrain<IReviewerSessionGrain>(key);
        if (await sessionGrain.GetAsync() is not { } session)
        {
            throttle.RecordFailure(client);
            throw Unauthorized(SessionEnded);
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

        return new ReviewerCaller(ReviewerCredential.FromTokenHash(session.TokenHash), key, session);
    }

    /// <summary>The 401 for a caller whose token is no longer live; its session, if it came with one, ends.</summary>
    private async Task<ApiException> RefusedAsync(HttpRequest request, ReviewerCaller caller)
    {
        if (caller.SessionGrainKey is not { } key)
        {
            return InvalidToken(request.HttpContext.Connection.RemoteIpAddress);
        }

        // The reviewer was disabled or the token rotated: the session ends for good, even if the reviewer comes back.
        await grains.GetGrain<IReviewerSessionGrain>(key).EndAsync();
        return Unauthorized(SessionEnded);
    }

    private ApiException InvalidToken(IPAddress? client)
    {
        throttle.RecordFailure(client);
        return Unauthorized("Invalid reviewer token.");
    }

    private static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static ApiException Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, message);

    private static ApiException Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);
}
