using System.Globalization;
using HiveOrleans.Moderation.Nsfw;
using Xunit.Abstractions;

namespace HiveOrleans.Tests.Nsfw;

/// <summary>
/// The built-in NSFW model (nsfwjs's weights, converted by us, on ONNX Runtime) gives nsfwjs's own probabilities:
/// within 1e-3 per class on every picture of a varied set, both sides given the same decoded samples.
/// </summary>
public sealed class NsfwjsConformanceTests(NsfwjsReference reference, ITestOutputHelper output) : IClassFixture<NsfwjsReference>
{
    private const double Tolerance = 1e-3;

    [SkippableFact]
    public void Probabilities_match_nsfwjs_within_a_thousandth_per_class()
    {
        Skip.If(reference.SkipReason is not null, reference.SkipReason);
        Assert.True(reference.Images.Count >= 30, $"The conformance set has {reference.Images.Count} pictures; at least 30 are compared.");

        using var model = NsfwjsModel.Load(Path.Combine(AppContext.BaseDirectory, "nsfwjs", "mobilenet_v2"), cacheDirectory: null, intraOpThreads: 1);
        var ours = model.Classifier.Classify([.. reference.Images.Select(entry => entry.Image)]);
        output.WriteLine($"{model.Version} against {reference.Versions}; {reference.Images.Count} pictures");

        var worst = 0.0;
        var failures = new List<string>();
        for (var i = 0; i < reference.Images.Count; i++)
        {
            var name = reference.Images[i].Name;
            var theirs = reference.Probabilities[name];
            var difference = Enumerable.Range(0, theirs.Length).Max(k => Math.Abs(ours[i][k] - theirs[k]));
            worst = Math.Max(worst, difference);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-32} max |diff| {difference:E2}  nsfwjs {string.Join(" ", theirs.Select(p => p.ToString("F4", CultureInfo.InvariantCulture)))}"));
            if (difference > Tolerance)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: {difference:E2}"));
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst {worst:E2}"));
        Assert.True(failures.Count == 0, "Over 1e-3: " + string.Join("; ", failures));

        // A model that answered the same for everything could not match; still, the set must tell pictures apart.
        var distinct = reference.Probabilities.Values.Select(p => Array.IndexOf(p, p.Max())).Distinct().Count();
        Assert.True(distinct >= 2, "nsfwjs put every picture in the same class; the set does not exercise the model.");
    }
}
