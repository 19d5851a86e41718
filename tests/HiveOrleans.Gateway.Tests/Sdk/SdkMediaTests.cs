using System.Security.Cryptography;
using HiveOrleans.Client;
using HiveOrleans.Gateway.Tests.Infrastructure;

namespace HiveOrleans.Gateway.Tests.Sdk;

/// <summary>Media through the SDK: uploads from streams and files, URLs the gateway downloads, and paged frames.</summary>
[Collection(SdkCollection.Name)]
public sealed class SdkMediaTests(SdkGatewayFixture gateway)
{
    private const string YesClass = "yes_" + SdkGatewayFixture.Label;

    [Fact]
    public async Task A_banked_picture_uploaded_from_a_stream_comes_back_with_its_typed_match_hash_and_media()
    {
        var hive = gateway.ClientFor(gateway.VisualProject.Key);
        using var picture = new MemoryStream(gateway.BankedPicture);

        var task = await hive.SubmitSyncAsync(ModerationRequest.ForStream(picture, "holiday.jpg"));

        Assert.True(task.Succeeded, $"{task.StatusCode} {task.StatusMessage}");
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(gateway.BankedPicture)), task.Input.Hash);
        var media = task.Input.Media!;
        Assert.Equal(("image", "image/jpeg", "holiday.jpg"), (media.Type, media.MimeType, media.FileName));
        Assert.Equal((640, 480, 1), (media.Width, media.Height, media.NumFrames));
        Assert.Equal(gateway.BankedPicture.Length, media.Size);
        var frame = Assert.Single(task.Output);
        Assert.Equal(1.0, frame.Score(YesClass));
        var yes = frame.Classes.Single(c => c.Class == YesClass);
        Assert.InRange(yes.Distance!.Value, 0, 31);
        var match = Assert.Single(frame.Matches);
        Assert.Equal((SdkGatewayFixture.Bank, SdkGatewayFixture.Label, "original"), (match.Bank, match.Label, match.Transform));
        Assert.Equal(yes.Distance, match.Distance);
        Assert.Matches("^[0-9a-f]{64}$", frame.Pdq!.Hash);
        Assert.True(frame.Pdq.Trusted);
        var peak = Assert.Single(task.MaxOverFrames, m => m.Class == YesClass);
        Assert.Equal(1.0, peak.Score);
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_and_a_file_path_are_uploaded_whole_under_their_names()
    {
        var hive = gateway.ClientFor(gateway.VisualProject.Key);
        var other = TestMedia.SceneJpeg(seed: 97);
        await using var oneWay = new ForwardOnlyStream(other);
        var path = Path.Combine(Path.GetTempPath(), $"sdk-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(path, gateway.BankedPicture);
        try
        {
            var fromStream = await hive.SubmitSyncAsync(ModerationRequest.ForStream(oneWay, "street.jpg"));
            var fromFile = await hive.SubmitSyncAsync(ModerationRequest.ForFile(path));

            Assert.Equal(Convert.ToHexStringLower(MD5.HashData(other)), fromStream.Input.Hash);
            Assert.Equal("street.jpg", fromStream.Input.Media!.FileName);
            Assert.Equal(0.0, Assert.Single(fromStream.Output).Score("no_" + SdkGatewayFixture.Label));
            Assert.Equal(Path.GetFileName(path), fromFile.Input.Media!.FileName);
            Assert.Equal(1.0, Assert.Single(fromFile.Output).Score(YesClass));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_url_submission_is_downloaded_by_the_gateway_and_read_back_with_GetTaskAsync()
    {
        var hive = gateway.ClientFor(gateway.VisualProject.Key);
        var url = gateway.Origin.Serve($"{Guid.NewGuid():N}.jpg", gateway.BankedPicture, "image/jpeg");

        var ack = await hive.SubmitAsync(ModerationRequest.ForUrl(url));
        var task = await FinishedAsync(hive, ack.TaskId);

        Assert.True(task.Succeeded, $"{task.StatusCode} {task.Error?.Message}");
        Assert.Equal(url.ToString(), task.Input.Media!.Url);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(gateway.BankedPicture)), task.Input.Hash);
        Assert.Equal(1.0, Assert.Single(task.Output).Score(YesClass));
    }

    [Fact]
    public async Task A_url_that_fails_to_download_finishes_the_task_with_a_typed_error()
    {
        var hive = gateway.ClientFor(gateway.VisualProject.Key);

        var ack = await hive.SubmitAsync(ModerationRequest.ForUrl(new Uri(gateway.Origin.Root, "files/nothing-here.jpg")));
        var task = await FinishedAsync(hive, ack.TaskId);

        Assert.False(task.Succeeded);
        Assert.Equal("FETCH_FAILED", task.StatusCode);
        Assert.Equal("FETCH_FAILED", task.Error!.Code);
        Assert.Contains("404", task.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskAsync_pages_a_videos_frames()
    {
        var hive = gateway.ClientFor(gateway.VisualProject.Key);
        using var video = new MemoryStream(await TestMedia.TestPatternMp4Async(seconds: 5));
        var whole = await hive.SubmitSyncAsync(ModerationRequest.ForStream(video, "pattern.mp4"));
        Assert.True(whole.Succeeded, $"{whole.StatusCode} {whole.Error?.Message}");
        Assert.Equal(5, whole.Input.Media!.NumFrames);
        Assert.Equal(5, whole.Output.Count);

        var page = await hive.GetTaskAsync(whole.Id, frameOffset: 1, frameLimit: 2);

        Assert.Equal([1.0, 2.0], page.Output.Select(entry => entry.Time));
        Assert.Equal(5, page.Input.Media!.NumFrames);
        Assert.Empty((await hive.GetTaskAsync(whole.Id, frameOffset: 5)).Output);
        Assert.Equal(5, (await hive.GetTaskAsync(whole.Id)).Output.Count);
    }

    private static Task<TaskResult> FinishedAsync(HiveOrleansClient hive, string taskId) =>
        HiveOrleans.Tests.Infrastructure.Eventually.UntilAsync(
            () => hive.GetTaskAsync(taskId), task => task.IsFinished, TimeSpan.FromSeconds(30), $"task {taskId} to finish");

    /// <summary>A stream that can only be read forward, as a network or pipe stream is.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
