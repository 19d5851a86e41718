using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Review;

/// <summary>Reviewer sessions in embedded mode (SQLite, one process): stored, so they outlive a restart, and ended for good by sign-out.</summary>
public sealed class EmbeddedReviewSessionTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "hiveorleans-test-" + Guid.NewGuid().ToString("n"));

    [Fact]
    public async Task A_session_survives_a_restart_and_sign_out_ends_it_there_too()
    {
        ReviewDriver.Session session;
        await using (var first = await GatewayServer.StartEmbeddedAsync(_dataDirectory))
        {
            using var review = new ReviewDriver(first);
            var project = await first.Client.CreateProjectAsync("embedded review");
            var (_, token) = await review.CreateReviewerAsync("embedded", [project.ProjectId]);
            session = await review.SignInAsync(token);
        }

        await using var second = await GatewayServer.StartEmbeddedAsync(_dataDirectory);
        using var again = new ReviewDriver(second);
        var (status, who) = await again.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: session.Cookie);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(session.Csrf, who.GetProperty("csrf_token").GetString());

        var (signedOut, _) = await again.CallAsync(HttpMethod.Delete, "/review/v1/session", cookie: session.Cookie, csrf: session.Csrf);
        Assert.Equal(HttpStatusCode.NoContent, signedOut);
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.CallAsync(HttpMethod.Get, "/review/v1/session", cookie: session.Cookie)).Status);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
