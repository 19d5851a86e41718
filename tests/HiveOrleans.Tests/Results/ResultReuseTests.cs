using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Grains.Results;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Storage;
using HiveOrleans.Storage.Results;
using HiveOrleans.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Results;

/// <summary>The result cache as a task uses it, on a real SQLite store, with a model whose stamp the test moves.</summary>
public sealed class ResultReuseTests : IAsyncLifetime
{
    private readonly SqliteFile _file = new();
    private readonly StampedModel _model = new();
    private IResultCache _cache = null!;
    private ModelRunner _runner = null!;
    private ResultReuse _reuse = null!;

    public async Task InitializeAsync()
    {
        await SchemaInstaller.ApplyAsync(_file.Store);
        _cache = ResultCacheFactory.Create(_file.Store);
        _runner = new ModelRunner([_model], Options.Create(new TaskOptions()));
        _reuse = new ResultReuse(_cache, _runner, TimeProvider.System, NullLogger<ResultReuse>.Instance);
    }

    public async Task DisposeAsync()
    {
        _runner.Dispose();
        await ((IAsyncDisposable)_cache).DisposeAsync();
        _file.Dispose();
    }

    [Fact]
    public async Task A_result_is_found_again_under_the_stamp_it_was_made_under()
    {
        var lookup = await _reuse.FindAsync(Submission(), "hash-a");
        Assert.Null(lookup.Found);

        await _reuse.RememberAsync(Guid.NewGuid(), Submission(), lookup, Output("first"));

        Assert.Equal("first", (await _reuse.FindAsync(Submission(), "hash-a")).Found?.ModelVersion);
        Assert.Null((await _reuse.FindAsync(Submission(), "hash-b")).Found);
    }

    [Fact]
    public async Task A_result_whose_stamp_moved_during_the_run_is_kept_under_the_stamp_read_before_it()
    {
        // A bank changes while the model runs: the result may or may not show the change, so it must not be
        // served to tasks that look up under the new stamp.
        var lookup = await _reuse.FindAsync(Submission(), "hash-a");
        _model.Stamp = "banks-v2";
        await _reuse.RememberAsync(Guid.NewGuid(), Submission(), lookup, Output("made-during-the-change"));

        Assert.Null((await _reuse.FindAsync(Submission(), "hash-a")).Found);
        _model.Stamp = "banks-v1";
        Assert.Equal("made-during-the-change", (await _reuse.FindAsync(Submission(), "hash-a")).Found?.ModelVersion);
    }

    private static TaskSubmission Submission() => new()
    {
        ProjectId = 7,
        UserId = 1,
        Mode = TaskMode.Async,
        SubmittedOn = DateTimeOffset.UnixEpoch,
        ModelType = StampedModel.Type,
        ConfigVersion = 1,
    };

    private static ModerationOutput Output(string version) => new() { Model = "stamped", ModelVersion = version, Entries = [] };

    /// <summary>A model that only has a stamp: these tests never run it.</summary>
    private sealed class StampedModel : IModerationModel
    {
        public const string Type = "stamped";

        public string Stamp { get; set; } = "banks-v1";

        public string ModelType => Type;

        public string ResultStamp(TaskSubmission submission) => Stamp;

        public Task<ModerationOutput> RunAsync(ModelInput input, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The result cache's tests never run the model.");
    }
}
