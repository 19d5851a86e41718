using System.Text;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Grains.Reruns;
using HiveOrleans.Grains.Tasks;
using HiveOrleans.Moderation.Text;
using HiveOrleans.Moderation.Text.Learned;
using HiveOrleans.Wire;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace HiveOrleans.Tests.Reruns;

/// <summary>
/// A shadow rerun reads a stored text task's text and verdict straight from its JSON: what it reads must be what the
/// whole deserialisation gives, on real engine outputs stored by the silo's serializer, and anything else is left to
/// that deserialisation.
/// </summary>
public sealed class StoredTextTaskTests
{
    private static readonly SystemTextJsonGrainStorageSerializer Serializer = new(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));

    [Fact]
    public void Reads_the_text_and_verdict_the_whole_state_gives()
    {
        var model = new TextModel(new TextEngine());
        var context = new ModelContext(TextCustomLists.Create(["the", "money"], []));
        var thresholds = new Dictionary<string, int> { ["violence"] = 2 };
        var lines = TextCorpus.All.Where((_, i) => i % 25 == 0).Take(400).ToList();
        var classes = new ClassNumbers();
        var flagged = 0;
        foreach (var (line, i) in lines.Select((line, i) => (line, i)))
        {
            var output = model.Run(line.Text, context);
            if (i % 2 == 0)
            {
                output = ScoreThresholds.Apply(output, thresholds);
            }

            var json = Stored(Succeeded(line.Text, output));
            Assert.True(StoredTextTask.TryRead(json, classes, out var text, out var verdict));
            Assert.Equal(line.Text, text);

            var whole = Serializer.Deserialize<TaskState>(new BinaryData(json))!.Output!;
            var reference = OutputVerdict.Of(whole).ToDictionary(score => score.Class, score => VerdictChange.Level(score.Score));
            for (var number = 0; number < classes.Count; number++)
            {
                Assert.Equal(reference.GetValueOrDefault(classes[number]), verdict.Level(number));
            }

            Assert.All(reference.Keys, name => Assert.Contains(name, Enumerable.Range(0, classes.Count).Select(n => classes[n])));
            flagged += reference.Values.Any(level => level > 0) ? 1 : 0;
        }

        // The sample holds both clean and flagged texts, blocklist hits among them.
        Assert.InRange(flagged, 20, lines.Count - 20);
        Assert.Contains(TextCustomLists.BlocklistType, Enumerable.Range(0, classes.Count).Select(n => classes[n]));
    }

    [Fact]
    public void Leaves_anything_else_to_the_whole_deserialisation()
    {
        var output = new TextModel(new TextEngine()).Run("you are an idiot", new ModelContext(TextCustomLists.Create([], [])));
        var classes = new ClassNumbers();
        var succeeded = Succeeded("you are an idiot", output);
        Assert.True(StoredTextTask.TryRead(Stored(succeeded), classes, out _, out _));

        var failed = Succeeded("you are an idiot", output);
        failed.Phase = TaskPhase.Failed;
        var media = Succeeded(null, output);
        var ocr = Succeeded("x", output with { Entries = [new OutputEntry { Classes = [], FrameResults = [new OcrFrameResult { BlockText = "x", Classes = [new ClassScore("hate", 3)] }] }] });
        var noOutput = Succeeded("x", output);
        noOutput.Output = null;
        var phaseAsName = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Stored(succeeded)).Replace("\"Phase\":3", "\"Phase\":\"Succeeded\"", StringComparison.Ordinal));
        var scoreAsText = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Stored(succeeded)).Replace("\"Score\":0", "\"Score\":\"0\"", StringComparison.Ordinal));
        var cut = Stored(succeeded)[..^40];
        foreach (var json in new[] { Stored(failed), Stored(media), Stored(ocr), Stored(noOutput), phaseAsName, scoreAsText, cut, "[]"u8.ToArray(), "{}"u8.ToArray() })
        {
            Assert.False(StoredTextTask.TryRead(json, classes, out _, out _), Encoding.UTF8.GetString(json));
        }
    }

    private static TaskState Succeeded(string? text, ModerationOutput output) => new()
    {
        Submission = new TaskSubmission
        {
            ProjectId = 1,
            UserId = 1,
            TextData = text,
            Mode = TaskMode.Async,
            SubmittedOn = DateTimeOffset.UnixEpoch,
            ModelType = ModelTypes.Text,
            ConfigVersion = 1,
        },
        Phase = TaskPhase.Succeeded,
        Output = output,
    };

    private static byte[] Stored(TaskState state) => Serializer.Serialize(state).ToArray();
}
