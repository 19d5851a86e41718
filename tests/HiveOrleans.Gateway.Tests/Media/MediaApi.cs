using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Moderation.Pdq;
using Microsoft.Extensions.DependencyInjection;

namespace HiveOrleans.Gateway.Tests.Media;

/// <summary>What the media tests do through the public API: visual projects, banks, uploads and URL submissions.</summary>
internal static class MediaApi
{
    public static async Task<CreatedProject> CreateVisualProjectAsync(this HttpClient client, IReadOnlyList<string> banks, long? maxBodyBytes = null, double? frameRate = null)
    {
        var definition = new Dictionary<string, object> { ["name"] = "visual", ["model_type"] = "visual", ["review"] = "model_only", ["hash_banks"] = banks };
        if (maxBodyBytes is { } max)
        {
            definition["max_body_bytes"] = max;
        }

        if (frameRate is { } rate)
        {
            definition["frame_rate"] = rate;
        }

        var (status, body) = await client.AdminAsync(HttpMethod.Post, "/admin/v1/projects", definition);
        Assert.True(status == HttpStatusCode.Created, $"visual project creation answered {(int)status}: {body}");
        return new CreatedProject(
            body.GetProperty("project_id").GetInt64(),
            [.. body.GetProperty("api_keys").EnumerateArray().Select(k => k.GetString()!)],
            body.GetProperty("webhook_secret").GetString()!);
    }

    /// <summary>Creates a bank holding the PDQ hashes of <paramref name="images"/> under <paramref name="label"/>, and waits until the silo's index has them.</summary>
    public static Task CreateBankAsync(this GatewayServer server, string bank, string label, params byte[][] images) =>
        server.CreateBankAsync(bank, label, matchTransforms: null, images);

    /// <summary>As <see cref="CreateBankAsync(GatewayServer, string, string, byte[][])"/>, saying whether the bank matches turned and mirrored media (null: the default).</summary>
    public static async Task CreateBankAsync(this GatewayServer server, string bank, string label, bool? matchTransforms, params byte[][] images)
    {
        var (created, body) = await server.Client.AdminAsync(HttpMethod.Post, "/admin/v1/banks", new { name = bank, match_transforms = matchTransforms });
        Assert.True(created == HttpStatusCode.Created, $"bank creation answered {(int)created}: {body}");
        await server.AddToBankAsync(bank, label, images);
    }

    public static async Task AddToBankAsync(this GatewayServer server, string bank, string label, params byte[][] images)
    {
        var hashes = images.Select((image, i) => new { content_id = $"{label}-{Guid.NewGuid():N}", hash = PdqHasher.Hash(image).Hash.ToHex(), label }).ToArray();
        var (added, body) = await server.Client.AdminAsync(HttpMethod.Post, $"/admin/v1/banks/{bank}/hashes", new { hashes });
        Assert.True(added == HttpStatusCode.OK, $"adding hashes answered {(int)added}: {body}");
        await server.Services.GetRequiredService<BankIndex>().CatchUpAsync();
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(
        this HttpClient client, string key, string mode, byte[] file, string fileName = "upload.jpg", string contentType = "image/jpeg", string? callbackUrl = null)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "media", fileName);
        if (callbackUrl is not null)
        {
            form.Add(new StringContent(callbackUrl), "callback_url");
        }

        return client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{mode}") { Content = form }.WithToken(key));
    }

    public static Task<(HttpStatusCode Status, JsonElement Body)> SubmitUrlJsonAsync(this HttpClient client, string key, string mode, Uri url) =>
        client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{mode}") { Content = JsonContent.Create(new { url = url.ToString() }) }.WithToken(key));

    public static Task<(HttpStatusCode Status, JsonElement Body)> SubmitUrlFormAsync(this HttpClient client, string key, string mode, Uri url) =>
        client.SendJsonAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v2/task/{mode}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["url"] = url.ToString() }),
        }.WithToken(key));

    public static JsonElement Response(JsonElement task) => task.GetProperty("status")[0].GetProperty("response");

    public static JsonElement Output(JsonElement task) => Response(task).GetProperty("output");

    public static JsonElement MediaOf(JsonElement task) => Response(task).GetProperty("input").GetProperty("media");

    public static string InputHash(JsonElement task) => Response(task).GetProperty("input").GetProperty("hash").GetString()!;

    public static string ErrorMessage(JsonElement task) => task.GetProperty("error").GetProperty("message").GetString()!;

    /// <summary>The frame's class named <paramref name="name"/>, or null.</summary>
    public static JsonElement? ClassOf(JsonElement frame, string name) =>
        frame.GetProperty("classes").EnumerateArray().Where(c => c.GetProperty("class").GetString() == name).Cast<JsonElement?>().FirstOrDefault();
}
