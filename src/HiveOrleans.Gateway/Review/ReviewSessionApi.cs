using HiveOrleans.Abstractions.Reviewers;
using HiveOrleans.Gateway.Wire;
using HiveOrleans.Wire;
using HiveOrleans.Wire.Reviewers;

namespace HiveOrleans.Gateway.Review;

/// <summary>
/// Signing in to the reviewer page: <c>POST /review/v1/session {"token"}</c> starts a session and sets its cookie,
/// <c>GET</c> says who is signed in, <c>DELETE</c> ends it. The session id (256 random bits) lives only in the
/// cookie; the store keeps its SHA-256 (<see cref="IReviewerSessionGrain"/>) with the token's hash and the CSRF token.
/// </summary>
internal static class ReviewSessionApi
{
    public static RouteGroupBuilder MapReviewSessionApi(this RouteGroupBuilder review)
    {
        review.MapPost("/session", SignInAsync).WithName("StartReviewSession");
        review.MapGet("/session", GetAsync).WithName("GetReviewSession");
        review.MapDelete("/session", SignOutAsync).WithName("EndReviewSession");
        return review;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, ReviewerAuthenticator auth, IGrainFactory grains, TimeProvider time)
    {
        var request = context.Request;
        ReviewerAuthenticator.RefuseForeignOrigin(request);
        var root = await JsonFields.ReadRequestObjectAsync(request, "sign-in", context.RequestAborted);
        var token = JsonFields.String(root, "token") ?? throw ApiException.BadRequest("'token' is required: the reviewer token the operator gave you.");
        var identity = await auth.ResolveTokenAsync(token, context.Connection.RemoteIpAddress);

        // A sign-in over an existing session replaces it rather than leave it live beside the new one.
        if (request.Cookies[ReviewerAuthenticator.CookieName] is { } previous && ReviewerSessionKeys.IsWellFormed(previous))
        {
            await grains.GetGrain<IReviewerSessionGrain>(ReviewerSessionKeys.GrainKey(previous)).EndAsync();
        }

        var sessionId = ReviewerSessionKeys.NewSecret();
        var session = new ReviewerSession(ReviewerKeys.HashToken(token), ReviewerSessionKeys.NewSecret(), time.GetUtcNow() + ReviewerSessionKeys.Lifetime);
        await grains.GetGrain<IReviewerSessionGrain>(ReviewerSessionKeys.GrainKey(sessionId)).StartAsync(session);
        context.Response.Cookies.Append(ReviewerAuthenticator.CookieName, sessionId, CookieOptions(request, session.ExpiresOn));
        return await SessionResultAsync(grains, identity, session);
    }

    private static async Task<IResult> GetAsync(HttpContext context, ReviewerAuthenticator auth, IGrainFactory grains)
    {
        var caller = await auth.AuthenticateAsync(context.Request);
        return await SessionResultAsync(grains, await auth.IdentityAsync(context.Request, caller), caller.Session);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, ReviewerAuthenticator auth, IGrainFactory grains)
    {
        var caller = await auth.AuthenticateAsync(context.Request);
        if (caller.SessionGrainKey is { } key)
        {
            await grains.GetGrain<IReviewerSessionGrain>(key).EndAsync();
        }

        context.Response.Cookies.Delete(ReviewerAuthenticator.CookieName, CookieOptions(context.Request, expires: null));
        return Results.NoContent();
    }

    private static async Task<IResult> SessionResultAsync(IGrainFactory grains, ReviewerIdentity identity, ReviewerSession? session)
    {
        var reviewer = await grains.GetGrain<IReviewerGrain>(ReviewerKeys.GrainKey(identity.ReviewerId)).GetAsync();
        var document = ReviewSessionDocument.From(identity, reviewer?.Name ?? string.Empty, session);
        return WireJsonResult.Ok(document, WireJson.Context.ReviewSessionDocument);
    }

    /// <summary>
    /// HttpOnly (no script reads it), SameSite=Strict (no other site's page makes the browser send it), only under
    /// /review, and Secure when the request came over TLS. It lasts as long as the session.
    /// </summary>
    private static CookieOptions CookieOptions(HttpRequest request, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = ReviewerAuthenticator.CookiePath,
        Secure = request.IsHttps,
        Expires = expires,
        IsEssential = true,
    };
}
