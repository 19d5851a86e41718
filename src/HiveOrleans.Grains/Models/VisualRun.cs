using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Banks;
using HiveOrleans.Moderation.Media;
using HiveOrleans.Moderation.Pdq;

namespace HiveOrleans.Grains.Models;

/// <summary>One visual task's frames as they are classified: the NSFW classes and the bank matches of each, in order.</summary>
internal sealed class VisualRun(TaskSubmission submission, (bool Nsfw, bool Banks) models)
{
    private readonly List<OutputEntry> _frames = [];

    public TaskSubmission Submission { get; } = submission;

    public (bool Nsfw, bool Banks) Models { get; } = models;

    /// <summary>The frames so far; their classes hold the NSFW head only, the bank classes come once all are matched.</summary>
    public IReadOnlyList<OutputEntry> Frames => _frames;

    /// <summary>Classifies a batch of frames in one inference and matches their hashes; runs on the caller's thread.</summary>
    public void Add(IReadOnlyList<FrameHash> batch, NsfwClassifier nsfw, BankIndex banks)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var classes = Models.Nsfw ? nsfw.Classify([.. batch.Select(frame => frame.Pixels!)]) : null;
        for (var i = 0; i < batch.Count; i++)
        {
            var frame = batch[i];
            var entry = new OutputEntry { Time = frame.TimeSeconds, Classes = classes?[i] ?? [] };
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
}
