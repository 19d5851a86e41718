using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Text;
using HiveOrleans.Storage.Media;

namespace HiveOrleans.Grains.Reruns;

/// <summary>
/// A rerun's media side: a visual, OCR or speech task whose media the store still holds runs again under the
/// settings to try, through the same model code a live task runs (<see cref="ModelRunner.RunInBackgroundAsync"/>),
/// within the rerun's own concurrency rather than in a live model slot. A task whose media is gone is reported as such.
/// </summary>
internal sealed class MediaRerun(ProjectConfig trial, RerunServices services)
{
    /// <summary>Media tasks run a model for every one; a page this long keeps the checkpoint close behind the work.</summary>
    private const int TasksPerWorkerPerPage = 4;

    private readonly ModelContext _context = new(TextCustomLists.Create(trial.Blocklist, trial.Allowlist));

    /// <summary>Whether a project of <paramref name="modelType"/> holds media tasks this runs again.</summary>
    public static bool Covers(string modelType) => modelType is ModelTypes.Visual or ModelTypes.Ocr or ModelTypes.Speech;

    /// <summary>How many stored tasks a page of this rerun holds: <paramref name="configured"/>, or fewer, as the models are slow.</summary>
    public int PageSize(int configured) => Math.Min(configured, Math.Max(1, services.Options.Concurrency * TasksPerWorkerPerPage));

    /// <summary>
    /// The task's result under the settings to try; <see cref="MediaRun.Gone"/> when its media is no longer stored,
    /// <see cref="MediaRun.Failed"/> when the model fails on it now (it is left as it is). A model that cannot run on
    /// this silo at all (<see cref="ModelUnavailableException"/>) throws: every task would fail the same way.
    /// </summary>
    public async Task<MediaRun> RunAsync(TaskState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state is not { Media: { } media, Submission: { } submission })
        {
            return MediaRun.Gone;
        }

        MediaFile file;
        try
        {
            file = await services.Media.GetFileAsync(media.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaNotFoundException)
        {
            return MediaRun.Gone;
        }

        await using (file.ConfigureAwait(false))
        {
            try
            {
                var input = new ModelInput(Trial(submission), _context, media, file.Path);
                return new MediaRun(await services.Models.RunInBackgroundAsync(input, cancellationToken).ConfigureAwait(false));
            }
            catch (TaskFailedException)
            {
                return MediaRun.Failed;
            }
        }
    }

    /// <summary>The stored submission with the trial's model settings in place of those in force when it arrived.</summary>
    internal TaskSubmission Trial(TaskSubmission stored) => stored.WithModelSettingsOf(trial);
}

/// <summary>What running one media task again gave: a new output, or why there is none.</summary>
internal sealed record MediaRun(ModerationOutput? Output, bool MediaGone = false)
{
    /// <summary>The media is no longer stored.</summary>
    public static MediaRun Gone { get; } = new(null, MediaGone: true);

    /// <summary>The model failed on the media now (it could not be decoded, or timed out).</summary>
    public static MediaRun Failed { get; } = new(Output: null);
}
