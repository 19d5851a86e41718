using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Grains.Models.Registered;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Moderation.Pdq;

namespace HiveOrleans.Grains.Models;

/// <summary>
/// One visual task's frames as they are classified: the NSFW classes, each registered model's classes and the bank
/// matches of each frame, in order.
/// </summary>
internal sealed class VisualRun(
    TaskSubmission submission,
    (bool Nsfw, bool Banks) models,
    IReadOnlyList<VisualRun.RegisteredRun> registered,
    OcrReader? ocr = null,
    ModelContext? context = null)
{
    private readonly List<OutputEntry> _frames = [];

    public TaskSubmission Submission { get; } = submission;

    public (bool Nsfw, bool Banks) Models { get; } = models;

    /// <summary>The registered models the project chose, in the order their classes appear.</summary>
    public IReadOnlyList<RegisteredRun> Registered { get; } = registered;

    /// <summary>Whether frames must be decoded to RGB: some classifier reads them.</summary>
    public bool NeedsPixels => Models.Nsfw || Registered.Count > 0 || ReadsText;

    /// <summary>Whether OCR runs on each frame (<c>"ocr"</c> among the project's models).</summary>
    public bool ReadsText => ocr is not null;

    /// <summary>The frames so far; their classes hold the classifiers' only, the bank classes come once all are matched.</summary>
    public IReadOnlyList<OutputEntry> Frames => _frames;

    /// <summary>Classifies a batch of frames (one inference per classifier) and matches their hashes.</summary>
    public async Task AddAsync(IReadOnlyList<FrameHash> batch, NsfwClassifier nsfw, BankIndex banks, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        RgbImage[] pictures = NeedsPixels ? [.. batch.Select(frame => frame.Pixels!)] : [];
        var classes = Models.Nsfw ? nsfw.Classify(pictures) : null;
        var registeredClasses = new List<ClassScore[][]>(Registered.Count);
        foreach (var model in Registered)
        {
            registeredClasses.Add(await model.ClassifyAsync(pictures, cancellationToken).ConfigureAwait(false));
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var frame = batch[i];
            ClassScore[] frameClasses = [.. classes?[i] ?? [], .. registeredClasses.SelectMany(model => model[i])];
            var entry = new OutputEntry { Time = frame.TimeSeconds, Classes = frameClasses };
            if (ocr is not null)
            {
                var (blocks, _) = await ocr.ReadAsync(frame.Pixels!, OcrReader.LanguagesOf(Submission), context ?? ModelContext.Empty, cancellationToken).ConfigureAwait(false);
                entry = entry with { FrameResults = blocks };
            }

            if (Models.Banks)
            {
                var trusted = frame.Result.Quality >= PdqHasher.MinimumQuality;
                var matches = !trusted ? []
                    : frame.Result.Dihedral is { } dihedral ? banks.Match(Submission.HashBanks, dihedral)
                    : banks.Match(Submission.HashBanks, frame.Result.Hash);
                entry = entry with
                {
                    Pdq = new PerceptualHash(frame.Result.Hash.ToHex(), frame.Result.Quality, trusted),
                    Matches = [.. matches.Select(m => new HashMatch(m.Bank, m.ContentId, m.Label, m.Distance) { Transform = m.Transform })],
                };
            }

            _frames.Add(entry);
        }
    }

    /// <summary>A registered model as one task runs it: the version it read and that version's scorer.</summary>
    internal sealed record RegisteredRun(Abstractions.Models.ModelDetails Details, IModelScorer Scorer)
    {
        /// <summary>The model's classes for each picture; a remote server's failure fails the task, naming the model.</summary>
        public async Task<ClassScore[][]> ClassifyAsync(IReadOnlyList<RgbImage> pictures, CancellationToken cancellationToken)
        {
            float[][] scores;
            try
            {
                scores = await Scorer.ScoreAsync(pictures, cancellationToken).ConfigureAwait(false);
            }
            catch (RemoteModelException ex)
            {
                throw new TaskFailedException(TaskFailedException.ModelFailed, $"The remote model '{Details.Name}' failed: {ex.Message}", ex);
            }

            return [.. scores.Select(score => RegisteredHead.Classes(Details, score))];
        }
    }
}
