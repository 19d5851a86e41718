using HiveOrleans.Abstractions.Models;
using HiveOrleans.Abstractions.Tasks;

namespace HiveOrleans.Grains.Models.Registered;

/// <summary>
/// A registered model's scores as a frame's classes: each of its <see cref="ModelDefinition.Classes"/> scores the
/// sum of its labels' scores (as the NSFW head adds nsfwjs's Porn and Hentai); without classes, each label is a class
/// <c>{head}_{label}</c> with its own score.
/// </summary>
internal static class RegisteredHead
{
    public static ClassScore[] Classes(ModelDetails model, ReadOnlySpan<float> scores)
    {
        ArgumentNullException.ThrowIfNull(model);
        var definition = model.Definition;
        var names = model.ClassNames;
        var classes = new ClassScore[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            double score;
            if (definition.Classes.Count == 0)
            {
                score = scores[i];
            }
            else
            {
                score = 0;
                foreach (var label in definition.Classes[i].Labels)
                {
                    score += scores[IndexOf(definition.Labels, label)];
                }
            }

            classes[i] = new ClassScore(names[i], score);
        }

        return classes;
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"The class mapping names '{label}', which is not a label; the registration should have refused it.");
    }
}
