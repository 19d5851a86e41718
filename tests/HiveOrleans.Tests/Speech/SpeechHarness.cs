using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Text;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Speech;

/// <summary>The real speech model (ffmpeg, PocketSphinx, the text engine) and the spoken files it hears, shared by a test class.</summary>
public sealed class SpeechHarness : IDisposable
{
    private readonly SpeechRecognizers _recognizers;

    public SpeechHarness()
    {
        var options = Options.Create(new SpeechModelOptions { SegmentSeconds = 5 });
        _recognizers = new SpeechRecognizers(options);
        Model = new SpeechModel(new TextEngine(), new AudioDecoder(), _recognizers, options);
    }

    public SpokenAudio Audio { get; } = new();

    /// <summary>Cut into 5 s segments, so a recording of a few sentences spans several.</summary>
    public SpeechModel Model { get; }

    public Task<ModerationOutput> HearAsync(string path, CancellationToken cancellationToken = default) =>
        Model.RunAsync(
            new ModelInput(
                new TaskSubmission
                {
                    ProjectId = 1,
                    UserId = 1,
                    Mode = TaskMode.Sync,
                    SubmittedOn = DateTimeOffset.UtcNow,
                    ModelType = ModelTypes.Speech,
                    ConfigVersion = 1,
                },
                ModelContext.Empty,
                new TaskMedia { Key = "speech", Md5 = "", Length = new FileInfo(path).Length, Type = "audio", MimeType = "audio/wav" },
                path),
            cancellationToken);

    public static double Score(OutputEntry entry, string head) => entry.Classes.Single(c => c.Class == head).Score;

    public void Dispose()
    {
        Audio.Dispose();
    }
}
