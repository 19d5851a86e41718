using HiveOrleans.Moderation.Text;
using HiveOrleans.Moderation.Text.Learned;

namespace HiveOrleans.Tests.Text;

/// <summary>
/// The learned layer ships as a file (src/HiveOrleans.Moderation/Text/Learned/text-model.bin) so silos need not train
/// at start; these tests hold it to being exactly what training on the committed corpus and lexicons gives.
/// </summary>
public sealed class CommittedTextModelTests
{
    private const string UpdateVariable = "HIVEORLEANS_TEXT_MODEL_UPDATE";

    [Fact]
    public void The_committed_model_is_what_training_on_the_committed_corpus_gives()
    {
        var lexiconOnly = new TextEngine(Combination.LexiconOnly);
        var trained = LearnedTrainer.Train(TextCorpus.All, lexiconOnly.Describe);
        LearnedModel? committed;
        var update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        if (update)
        {
            var path = Path.Combine(RepositoryRoot(), "src", "HiveOrleans.Moderation", "Text", "Learned", LearnedModel.ResourceName);
            using (var file = File.Create(path))
            {
                trained.Write(file);
            }

            using var written = File.OpenRead(path);
            committed = LearnedModel.Read(written);
        }
        else
        {
            committed = LearnedModel.Embedded();
        }

        const string Fix = $"after changing the corpus, the lexicons or the trainer, run `{UpdateVariable}=1 dotnet test tests/HiveOrleans.Tests --filter FullyQualifiedName~CommittedTextModel` and commit the file";
        Assert.True(committed is not null, $"The build has no text model: {Fix}.");
        Assert.True(
            committed.Fingerprint() == trained.Fingerprint(),
            $"The committed text model ({committed.Version}, {committed.Features} features) is not what training gives ({trained.Version}, {trained.Features} features): {Fix}.");
        if (!update)
        {
            // Until the next build embeds a rewritten file, the engine still runs the old one.
            Assert.Equal(trained.Version, new TextEngine().ModelVersion[(TextEngine.LexiconVersion.Length + 1)..]);
        }
    }

    [Fact]
    public void A_model_read_back_from_its_file_scores_exactly_as_it_did()
    {
        var model = LearnedLayer.Model!;
        using var file = new MemoryStream();
        model.Write(file);
        file.Position = 0;

        var read = LearnedModel.Read(file);

        Assert.Equal(model.Fingerprint(), read.Fingerprint());
        Assert.Equal(model.Features, read.Features);
        var features = new List<int> { LearnedTrainer.Bias, 1, 4_097, 200_000 };
        features.Sort();
        float[] before = new float[LearnedOutputs.Count], after = new float[LearnedOutputs.Count];
        model.Probabilities(features, before);
        read.Probabilities(features, after);
        Assert.Equal(before, after);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(9)]
    public void A_damaged_model_file_is_refused_rather_than_read_as_other_weights(int damagedByte)
    {
        using var original = new MemoryStream();
        LearnedLayer.Model!.Write(original);
        using var raw = new MemoryStream();
        original.Position = 0;
        using (var decompress = new System.IO.Compression.BrotliStream(original, System.IO.Compression.CompressionMode.Decompress))
        {
            decompress.CopyTo(raw);
        }

        var bytes = raw.ToArray();
        bytes[damagedByte] ^= 0x5A;
        using var damaged = new MemoryStream();
        using (var compress = new System.IO.Compression.BrotliStream(damaged, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            compress.Write(bytes);
        }

        damaged.Position = 0;
        Assert.Throws<InvalidDataException>(() => LearnedModel.Read(damaged));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HiveOrleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run from a checkout: HiveOrleans.sln was not found above the test's directory.");
    }
}
