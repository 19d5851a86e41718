using System.Diagnostics;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Reruns;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Text;
using HiveOrleans.Storage.Media;
using HiveOrleans.Storage.Reruns;
using Orleans.Storage;

namespace HiveOrleans.Grains.Reruns;

/// <summary>
/// The work of one rerun from its cursor to the end of its window, off the grain scheduler: reads the project's stored
/// tasks a page at a time straight from the store, runs the text engine (or, for a media task, its project's model on
/// the stored media: <see cref="MediaRerun"/>) under the settings to try on the thread pool (no task grain is activated
/// for a task whose result stays), and commits each page's findings to the tally. In
/// apply mode a changed result is written through its task grain, which keeps the previous one in its history.
/// </summary>
internal sealed class RerunPass(
    Guid rerunId,
    RerunSpec spec,
    ProjectConfig trial,
    int baseConfigVersion,
    Guid until,
    RerunTally tally,
    RerunServices services)
{
    private readonly ModelContext _context = new(TextCustomLists.Create(trial.Blocklist, trial.Allowlist));
    private readonly string _trigger = HistoryTriggers.Rerun(rerunId);

    /// <summary>The class names this pass's verdicts are numbered by.</summary>
    private readonly ClassNumbers _classes = new();

    /// <summary>The media side (MediaRerun.cs) for a visual, OCR or speech project; null for a text project.</summary>
    private readonly MediaRerun? _media = MediaRerun.Covers(trial.ModelType) ? new MediaRerun(trial, services) : null;

    /// <summary>
    /// Counts the window if that is not done yet (then <paramref name="cursor"/> is still its start), and runs until the
    /// window is done (or <paramref name="cursor"/>'s page was the last), or until cancelled.
    /// </summary>
    public async Task RunAsync(Guid cursor, CancellationToken cancellationToken)
    {
        if (tally.Total is not { } total)
        {
            var inWindow = await services.Scan.CountAsync(spec.ProjectId, cursor, until, cancellationToken).ConfigureAwait(false);
            total = spec.Limit is { } limit ? Math.Min(limit, inWindow) : inWindow;
            tally.Counted(total);
        }

        var options = services.Options;
        var started = Stopwatch.GetTimestamp();
        var doneAtStart = tally.Done;
        // The looking (JSON, model runs) happens on the silo's low-priority threads, so live traffic keeps the cores it wants.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken, TaskScheduler = services.Cpu };
        while (tally.Done < total)
        {
            await YieldToLiveTrafficAsync(cancellationToken).ConfigureAwait(false);
            var want = (int)Math.Min(_media?.PageSize(options.PageSize) ?? options.PageSize, total - tally.Done);
            var rows = await services.Scan.ReadPageAsync(spec.ProjectId, cursor, until, want, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return;
            }

            var page = new PageTally();
            await Parallel.ForEachAsync(rows, parallel, async (row, token) =>
            {
                await LookAtAsync(row, page, token).ConfigureAwait(false);
                // A task that awaited (a grain call in apply mode, a media model) resumed elsewhere: back for the next.
                await services.Cpu.EnterAsync();
            }).ConfigureAwait(false);
            cursor = rows[^1].TaskId;
            tally.Commit(page, cursor);
            await PaceAsync(started, tally.Done - doneAtStart, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask LookAtAsync(ScannedTask row, PageTally page, CancellationToken cancellationToken)
    {
        // A shadow rerun of a text task needs only its text and verdict, read without deserialising the whole task, and
        // only the new verdict, taken without building the new output.
        if (spec.Mode == RerunModes.Shadow && row.State is { Length: > 0 } json && StoredTextTask.TryRead(json, _classes, out var stored, out var verdict))
        {
            Count(page, row.TaskId, verdict, Verdict.OfText(services.Engine.Moderate(stored, _context.TextLists), trial.Thresholds, _classes));
            return;
        }

        var state = row.State is { Length: > 0 } bytes ? services.Serializer.Deserialize<TaskState>(new BinaryData(bytes)) : null;
        if (state is not { Phase: TaskPhase.Succeeded, Output: { } before, Submission: { } submission })
        {
            page.Skip();
            return;
        }

        ModerationOutput after;
        if (submission.TextData is { } text)
        {
            after = RunText(text);
        }
        else if (await RunMediaAsync(state, page, cancellationToken).ConfigureAwait(false) is { } output)
        {
            after = output;
        }
        else
        {
            return;
        }

        if (spec.Mode == RerunModes.Apply && (state.ResultTrigger == _trigger || VerdictChange.Differ(before, after)))
        {
            var replaced = await services.Grains.GetGrain<ITaskGrain>(row.TaskId)
                .ApplyResultAsync(new AppliedResult(after, _trigger, baseConfigVersion, spec.Callbacks))
                .WaitAsync(cancellationToken)
                .ConfigureAwait(false);
            if (replaced is null)
            {
                page.Skip();
                return;
            }

            before = replaced;
        }

        Count(page, row.TaskId, Verdict.Of(before, _classes), Verdict.Of(after, _classes));
    }

    private ModerationOutput RunText(string text) => ScoreThresholds.Apply(services.Text.Run(text, _context), trial.Thresholds);

    private static void Count(PageTally page, Guid taskId, Verdict before, Verdict after)
    {
        page.Looked();
        if (VerdictChange.Between(taskId, before, after) is { } change)
        {
            page.Changes.Add(change);
        }
    }

    /// <summary>A media task's new output, or null when it was counted as skipped (its media gone, or the model failing on it now).</summary>
    private async Task<ModerationOutput?> RunMediaAsync(TaskState state, PageTally page, CancellationToken cancellationToken)
    {
        if (_media is not { } media)
        {
            page.Skip();
            return null;
        }

        // A media model run is long: live tasks go first before each, not only before each page.
        await YieldToLiveTrafficAsync(cancellationToken).ConfigureAwait(false);
        var run = await media.RunAsync(state, cancellationToken).ConfigureAwait(false);
        if (run.MediaGone)
        {
            page.SkipMediaGone();
        }
        else if (run.Output is null)
        {
            page.Skip();
        }

        return run.Output;
    }

    /// <summary>While every live model slot on this silo is taken, live tasks go first (up to a bound, so a rerun still moves).</summary>
    private async Task YieldToLiveTrafficAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.GetTimestamp();
        while (services.Models.AllSlotsBusy && Stopwatch.GetElapsedTime(waited) < services.Options.YieldToLiveTraffic)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Keeps the rerun under <see cref="RerunOptions.MaxTasksPerSecond"/> since this pass started.</summary>
    private async Task PaceAsync(long started, long looked, CancellationToken cancellationToken)
    {
        var rate = services.Options.MaxTasksPerSecond;
        if (rate <= 0)
        {
            return;
        }

        var ahead = TimeSpan.FromSeconds(looked / rate) - Stopwatch.GetElapsedTime(started);
        if (ahead > TimeSpan.Zero)
        {
            await Task.Delay(ahead, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// What every rerun pass on a silo uses: the stores, the text engine, the models and their live slots, the grains, and
/// the low-priority threads they share (started with the first rerun).
/// </summary>
internal sealed class RerunServices(
    IProjectTaskScan scan,
    IMediaStore media,
    IGrainStorageSerializer serializer,
    TextEngine engine,
    ModelRunner models,
    IGrainFactory grains,
    Microsoft.Extensions.Options.IOptions<RerunOptions> options) : IDisposable
{
    private readonly Lazy<BackgroundCpu> _cpu = new(() => new BackgroundCpu(options.Value.Concurrency));

    public BackgroundCpu Cpu => _cpu.Value;

    public IProjectTaskScan Scan => scan;

    public IMediaStore Media => media;

    public IGrainStorageSerializer Serializer => serializer;

    public TextEngine Engine => engine;

    public TextModel Text { get; } = new(engine);

    public ModelRunner Models => models;

    public IGrainFactory Grains => grains;

    public RerunOptions Options => options.Value;

    public void Dispose()
    {
        if (_cpu.IsValueCreated)
        {
            _cpu.Value.Dispose();
        }
    }
}
