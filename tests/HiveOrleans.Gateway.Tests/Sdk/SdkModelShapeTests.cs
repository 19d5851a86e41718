using System.Net;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;
using HiveOrleans.Tests.Ocr;
using HiveOrleans.Tests.Speech;

namespace HiveOrleans.Gateway.Tests.Sdk;

/// <summary>
/// The typed shapes of the OCR and speech models, read by the SDK from a real gateway running tesseract and
/// PocketSphinx: OCR blocks with their word boxes, and a voice note's transcript and sentences.
/// </summary>
[Collection(SdkCollection.Name)]
public sealed class SdkModelShapeTests(SdkGatewayFixture gateway) : IDisposable
{
    private readonly SpokenAudio _audio = new();

    public void Dispose() => _audio.Dispose();

    [Fact]
    public async Task An_ocr_projects_blocks_come_back_typed_with_their_spans_heads_and_word_boxes()
    {
        var hive = gateway.ClientFor(await CreateProjectAsync("ocr"));
        using var picture = new MemoryStream(TextPictures.Png(TextPictures.Layout.Meme, ["see you tonight", "I will kill you"]));

        var task = await hive.SubmitSyncAsync(ModerationRequest.ForStream(picture, "meme.png"));

        Assert.True(task.Succeeded, $"{task.StatusCode} {task.Error?.Message}");
        Assert.Equal("hive-orleans-ocr", task.Input.Model);
        var frame = Assert.Single(task.Output);
        var threat = Assert.Single(frame.FrameResults, block => block.Classes.Any(c => c.Class == "violence" && c.Score >= 2));
        Assert.Contains("KILL", threat.BlockText, StringComparison.Ordinal);
        Assert.Equal("en", threat.Language);
        Assert.True(threat.EndCharIndex > threat.StartCharIndex);
        Assert.Equal(threat.Raw.GetProperty("block_text").GetString(), threat.BlockText);
        Assert.True(threat.BoundingPoly.Count >= 3, $"{threat.BoundingPoly.Count} boxes");
        Assert.All(threat.BoundingPoly, box =>
        {
            Assert.InRange(box.Top, 800, 1000);
            Assert.True(box.Right > box.Left && box.Bottom > box.Top, box.Raw.ToString());
            Assert.InRange(box.Score!.Value, 0, 1);
        });
        Assert.True(frame.Score("violence") >= 2);
    }

    [Fact]
    public async Task A_voice_notes_transcript_and_sentences_come_back_typed_from_a_file()
    {
        var hive = gateway.ClientFor(await CreateProjectAsync("speech"));
        var note = await _audio.WavAsync(SpokenAudio.Threat);

        var task = await hive.SubmitSyncAsync(ModerationRequest.ForFile(note));

        Assert.True(task.Succeeded, $"{task.StatusCode} {task.Error?.Message}");
        Assert.Equal(("audio", Path.GetFileName(note)), (task.Input.Media!.Type, task.Input.Media.FileName));
        var entry = Assert.Single(task.Output);
        Assert.Contains("kill", entry.Transcript, StringComparison.Ordinal);
        var sentence = Assert.Single(entry.Classifications);
        Assert.Equal(entry.Transcript, sentence.Text);
        Assert.Equal((0, entry.Transcript!.Length), (sentence.StartCharIndex, sentence.EndCharIndex));
        Assert.True(sentence.StartTimestamp < sentence.EndTimestamp);
        Assert.True(sentence.Classes.Single(c => c.Class == "violence").Score >= 2);
        Assert.True(task.Severity("violence") >= 2);
        Assert.Contains(task.TextFilters, hit => hit.Value.Contains("kill", StringComparison.Ordinal));
        Assert.Equal("en", task.Language);
    }

    private async Task<string> CreateProjectAsync(string modelType)
    {
        var (status, body) = await gateway.Server.Client.AdminAsync(HttpMethod.Post, "/admin/v1/projects",
            new { name = "sdk " + modelType, model_type = modelType, review = "model_only" });
        Assert.True(status == HttpStatusCode.Created, $"{modelType} project creation answered {(int)status}: {body}");
        return body.GetProperty("api_keys")[0].GetString()!;
    }
}
