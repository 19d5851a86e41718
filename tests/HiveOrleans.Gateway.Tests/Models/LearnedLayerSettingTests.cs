using System.Net;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Models;

/// <summary>The text model's learned layer is a setting, on by default: off, tasks are judged by the lexicons alone; on, its version shows.</summary>
public sealed class LearnedLayerSettingTests
{
    [Theory]
    [InlineData("false", "text-lexicon-3")]
    [InlineData(null, "text-lexicon-3+learned-1+")]
    [InlineData("true", "text-lexicon-3+learned-1+")]
    public async Task The_model_version_says_whether_the_learned_layer_ran(string? setting, string expected)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "hive-learned-" + Guid.NewGuid().ToString("n")[..12]);
        try
        {
            await using var server = await GatewayServer.StartEmbeddedAsync(dataDirectory, setting is null ? [] : new Dictionary<string, string?> { ["HiveOrleans:Text:LearnedLayer"] = setting });
            var project = await server.Client.CreateProjectAsync("learned");

            var (status, task) = await server.Client.SubmitTextAsync(project.Key, "sync", "see you at the station at noon");

            Assert.Equal(HttpStatusCode.OK, status);
            var version = task.GetProperty("status")[0].GetProperty("response").GetProperty("input").GetProperty("model_version").GetString();
            if (setting == "false")
            {
                Assert.Equal(expected, version);
            }
            else
            {
                Assert.StartsWith(expected, version, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
