using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Ocr;
using HiveOrleans.Moderation.Text;
using HiveOrleans.Tests.Media;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Ocr;

/// <summary>The OCR model on a GIF and a video made here with ffmpeg: text is found on the frames that show it, and only there.</summary>
public sealed class OcrModelTests : IDisposable
{
    private readonly VideoFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("mp4", "video")]
    [InlineData("gif", "gif")]
    public async Task The_frames_showing_a_threat_are_flagged_and_the_others_are_not(string extension, string mediaType)
    {
        var path = await TextMedia.MakeAsync(_files, extension);

        var output = await Model().RunAsync(Input(path, mediaType), CancellationToken.None);

        Assert.Equal(OcrModel.Name, output.Model);
        Assert.Equal(TextMedia.Seconds.Length, output.Entries.Count);
        for (var second = 0; second < TextMedia.Seconds.Length; second++)
        {
            var entry = output.Entries[second];
            var read = string.Join(' ', entry.FrameResults!.Select(block => block.BlockText));
            var expected = TextPictures.Words(TextMedia.Seconds[second]);
            Assert.True(TextPictures.Recall(expected, read.Split([' ', '\n'])) >= 0.9, $"second {second}: read '{read}'");
            var violence = entry.Classes.Single(c => c.Class == TextHeads.Violence).Score;
            Assert.True(second == 1 ? violence >= 2 : violence == 0, $"second {second}: violence {violence}");
            if (expected.Count == 0)
            {
                Assert.Empty(entry.FrameResults!);
            }
        }
    }

    [Fact]
    public async Task A_task_past_its_timeout_fails_with_timeout()
    {
        var path = await TextMedia.MakeAsync(_files, "mp4");
        var model = Model(new OcrModelOptions { TaskTimeout = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<TaskFailedException>(() => model.RunAsync(Input(path, "video"), CancellationToken.None));

        Assert.Equal("TIMEOUT", error.Code);
    }

    private static ModelInput Input(string path, string type) => new(
        new TaskSubmission { ProjectId = 1, UserId = 1, Mode = TaskMode.Sync, SubmittedOn = DateTimeOffset.UnixEpoch, ModelType = "ocr", ConfigVersion = 1, FrameRate = 1 },
        ModelContext.Empty,
        new TaskMedia { Key = "ocr-test", Md5 = "", Type = type, MimeType = type == "gif" ? "image/gif" : "video/mp4", Length = new FileInfo(path).Length },
        path);

    private static OcrModel Model(OcrModelOptions? options = null) => new(
        new OcrReader(new TesseractOcr(), new TextEngine()),
        new FrameSampler(),
        Options.Create(options ?? new OcrModelOptions()),
        Options.Create(new VisualModelOptions()));
}
