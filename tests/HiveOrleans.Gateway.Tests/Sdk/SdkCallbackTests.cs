using System.Net;
using System.Text;
using System.Threading.Channels;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HiveOrleans.Gateway.Tests.Sdk;

/// <summary>Callbacks through the SDK: the ASP.NET Core receiver endpoint on a real Kestrel, and resends.</summary>
[Collection(SdkCollection.Name)]
public sealed class SdkCallbackTests(SdkGatewayFixture gateway)
{
    [Fact]
    public async Task The_aspnetcore_callback_endpoint_hands_over_verified_tasks_and_answers_401_to_a_forged_one()
    {
        var handed = Channel.CreateUnbounded<TaskResult>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddHiveOrleansCallbackVerifier(o => o.Secrets.Add(gateway.TextProject.WebhookSecret));
        await using var app = builder.Build();
        app.MapHiveOrleansCallback("/hive-callback", async (TaskResult task, CancellationToken ct) => await handed.Writer.WriteAsync(task, ct));
        var root = await LoopbackKestrel.StartAsync(app);
        var hive = gateway.ClientFor(gateway.TextProject.Key);

        var ack = await hive.SubmitAsync(ModerationRequest.ForText("hand this over") with { CallbackUrl = new Uri(root, "hive-callback"), Metadata = "m-1" });

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var task = await handed.Reader.ReadAsync(deadline.Token);
        Assert.Equal(ack.TaskId, task.Id);
        Assert.Equal("m-1", task.MetadataText);
        var recorded = await Eventually.UntilAsync(
            () => hive.GetTaskAsync(ack.TaskId), t => t.CallbackSucceeded == true, TimeSpan.FromSeconds(15), "the callback's success to be recorded");
        Assert.Equal(200, recorded.CallbackAttempts[^1].StatusCode);

        // The same body with a forged signature, or with no signature at all: 401, and nothing handed over.
        var body = task.Raw.GetRawText();
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var forged = await PostAsync(root, body, $"{ack.TaskId}-9", stamp, "v1," + Convert.ToBase64String(new byte[32]));
        Assert.Equal(HttpStatusCode.Unauthorized, forged);
        var unsigned = await PostAsync(root, body, null, null, null);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned);
        Assert.False(handed.Reader.TryRead(out _));
    }

    [Fact]
    public async Task ResendCallbackAsync_sends_the_callback_again_saying_the_api_asked()
    {
        await using var receiver = await CallbackReceiver.StartAsync();
        var hive = gateway.ClientFor(gateway.TextProject.Key);
        var ack = await hive.SubmitAsync(ModerationRequest.ForText("send it twice") with { CallbackUrl = receiver.Url });
        var first = await receiver.NextAsync();
        Assert.Null(TaskResult.Parse(first.Body).ResentBy);

        var resend = await hive.ResendCallbackAsync(ack.TaskId);

        Assert.Equal(ack.TaskId, resend.TaskId);
        Assert.Equal("api", resend.ResentBy);
        Assert.Equal("The callback will be sent again.", resend.Message);
        var second = await receiver.NextAsync();
        var task = new CallbackVerifier(gateway.TextProject.WebhookSecret)
            .ReadVerified(second.WebhookId, second.WebhookTimestamp, second.WebhookSignature, Encoding.UTF8.GetBytes(second.Body));
        Assert.Equal(ack.TaskId, task.Id);
        Assert.Equal("api", task.ResentBy);
        Assert.Equal(resend.ResentOn, task.ResentOn);
    }

    private async Task<HttpStatusCode> PostAsync(Uri root, string body, string? id, string? timestamp, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, "hive-callback"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (id is not null)
        {
            request.Headers.Add(CallbackVerifier.IdHeader, id);
            request.Headers.Add(CallbackVerifier.TimestampHeader, timestamp);
            request.Headers.Add(CallbackVerifier.SignatureHeader, signature);
        }

        using var response = await gateway.Server.Client.SendAsync(request);
        return response.StatusCode;
    }
}
