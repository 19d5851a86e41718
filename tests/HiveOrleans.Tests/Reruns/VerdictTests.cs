using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Grains.Models;
using HiveOrleans.Grains.Reruns;
using HiveOrleans.Moderation.Text;
using HiveOrleans.Moderation.Text.Learned;

namespace HiveOrleans.Tests.Reruns;

/// <summary>A shadow rerun takes a text's new verdict straight from the engine's result: it must be the verdict of the output the task would get.</summary>
public sealed class VerdictTests
{
    public static TheoryData<string> Thresholds => ["", "violence=2", "bullying=3,hate=1,sexual=2,custom_blocklist=3"];

    [Theory]
    [MemberData(nameof(Thresholds))]
    public void A_texts_verdict_taken_from_the_engine_is_the_verdict_of_its_output(string thresholdList)
    {
        var engine = new TextEngine();
        var model = new TextModel(engine);
        var context = new ModelContext(TextCustomLists.Create(["the", "money"], ["idiot"]));
        var thresholds = thresholdList.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
        var texts = TextCorpus.All.Where((_, i) => i % 25 == 0).Take(400).Select(line => line.Text).Concat(["", " \n ", "you idiot, the money"]).ToList();
        var classes = new ClassNumbers();
        var levels = new HashSet<(string Class, int Level)>();
        foreach (var text in texts)
        {
            var direct = Verdict.OfText(engine.Moderate(text, context.TextLists), thresholds, classes);
            var whole = Verdict.Of(ScoreThresholds.Apply(model.Run(text, context), thresholds), classes);
            for (var number = 0; number < classes.Count; number++)
            {
                Assert.True(whole.Level(number) == direct.Level(number), $"{classes[number]} of \"{text}\": {whole.Level(number)} from the output, {direct.Level(number)} from the result");
                levels.Add((classes[number], direct.Level(number)));
            }
        }

        // The texts reach flagged levels, blocklist hits among them, and the thresholds floor some.
        Assert.Contains((TextCustomLists.BlocklistType, 3), levels);
        Assert.Contains(levels, level => level.Class == "bullying" && level.Level > 0);
        Assert.Contains(levels, level => level.Class == "violence" && level.Level > 0);
    }
}
