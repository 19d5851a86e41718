using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Moderation.Text;

namespace HiveOrleans.Grains.Models;

/// <summary>Adapts the text engine's result to the task's output shape.</summary>
public sealed class TextModel(TextEngine engine) : IModerationModel
{
    public const string Name = "hive-orleans-text";

    public string ModelType => ModelTypes.Text;

    public string ResultStamp(TaskSubmission submission) => engine.ModelVersion;

    public Task<ModerationOutput> RunAsync(ModelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(Run(input.Submission.TextData ?? "", input.Context));
    }

    /// <summary>Moderates <paramref name="text"/> under the project's word lists.</summary>
    public ModerationOutput Run(string text, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        var result = engine.Moderate(text, context.TextLists);
        var entries = new OutputEntry[result.Spans.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var span = result.Spans[i];
            entries[i] = new OutputEntry
            {
                Time = 0,
                StartCharIndex = span.StartCharIndex,
                EndCharIndex = span.EndCharIndex,
                Classes = ToScores(span.Classes),
            };
        }

        // Hive always reports at least one entry; an empty text is one empty span with every head at 0.
        if (entries.Length == 0)
        {
            entries = [new OutputEntry { Time = 0, StartCharIndex = 0, EndCharIndex = text.Length, Classes = ToScores(result.Overall) }];
        }

        return new ModerationOutput
        {
            Model = Name,
            ModelVersion = engine.ModelVersion,
            Entries = entries,
            TextFilters = [.. result.TextFilters.Select(hit => new TextMatch(hit.Value, hit.StartIndex, hit.EndIndex, hit.Type))],
            PiiEntities = [.. result.PiiEntities.Select(pii => new TextMatch(pii.Value, pii.StartIndex, pii.EndIndex, pii.Type))],
            Language = result.Language,
            // Empty for a language the engine does not cover: Hive's way of saying "not judged" rather than zeros.
            ModeratedClasses = result.ModeratedClasses,
            CustomClasses = result.CustomClasses,
        };
    }

    internal static ClassScore[] ToScores(IReadOnlyList<HeadScore> heads)
    {
        var scores = new ClassScore[heads.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = new ClassScore(heads[i].Class, heads[i].Score);
        }

        return scores;
    }
}
