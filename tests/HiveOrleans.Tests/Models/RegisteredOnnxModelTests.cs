using HiveOrleans.Abstractions.Models;
using HiveOrleans.Grains.Models.Registered;
using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Tests.Models;

/// <summary>A tiny net written by the test with our ONNX writer, run as a registered model runs, against hand arithmetic.</summary>
public sealed class RegisteredOnnxModelTests
{
    private static readonly ImagePreprocessing Nchw =
        new(TinyImageNet.Side, TinyImageNet.Side, ResizeMode.StretchBilinearAlignCorners, ChannelOrder.Rgb, TensorLayout.Nchw, 255f, [0f, 0f, 0f], [1f, 1f, 1f]);

    [Fact]
    public void A_solid_red_picture_scores_what_the_arithmetic_says()
    {
        using var classifier = new OnnxImageClassifier(TinyImageNet.Onnx(), Nchw, TinyImageNet.Labels, intraOpThreads: 1);

        var scores = classifier.Classify([Solid(5, 3, 255, 0, 0)])[0];

        // h = (4, 0, 0, relu(0.5 - 4) = 0), logits (4, 0, 0): e^4 / (e^4 + 2) and 1 / (e^4 + 2).
        var e4 = Math.Exp(4);
        Assert.Equal(e4 / (e4 + 2), scores[0], 1e-6);
        Assert.Equal(1 / (e4 + 2), scores[1], 1e-6);
        Assert.Equal(1 / (e4 + 2), scores[2], 1e-6);
    }

    [Fact]
    public void A_dark_picture_feeds_the_bias_unit_and_scores_blue()
    {
        using var classifier = new OnnxImageClassifier(TinyImageNet.Onnx(), Nchw, TinyImageNet.Labels, intraOpThreads: 1);

        var scores = classifier.Classify([Solid(2, 2, 0, 0, 0)])[0];

        // All samples 0: h = (0, 0, 0, 0.5), logits (0, 0, 0.5).
        var e = Math.Exp(0.5);
        Assert.Equal(1 / (e + 2), scores[0], 1e-6);
        Assert.Equal(e / (e + 2), scores[2], 1e-6);
    }

    [Fact]
    public void Nhwc_bgr_and_normalisation_reach_the_net_as_declared()
    {
        var spec = new ImagePreprocessing(2, 2, ResizeMode.StretchBilinearAlignCorners, ChannelOrder.Bgr, TensorLayout.Nhwc, 255f, [0.1f, 0.2f, 0.3f], [0.5f, 0.25f, 2f]);
        using var classifier = new OnnxImageClassifier(TinyImageNet.Onnx(nhwc: true), spec, TinyImageNet.Labels, intraOpThreads: 1);
        var picture = new RgbImage(2, 2, [10, 200, 30, 40, 50, 250, 70, 80, 90, 255, 0, 128]);

        var scores = classifier.Classify([picture])[0];

        // By hand: channel c of the input is BGR's c-th, (sample / 255 - mean[c]) / std[c], in NCHW order for the net.
        var nchw = new float[12];
        for (var c = 0; c < 3; c++)
        {
            for (var p = 0; p < 4; p++)
            {
                var sample = picture.Pixels[(p * 3) + (2 - c)] / 255f;
                nchw[(c * 4) + p] = (sample - spec.Mean[c]) / spec.Std[c];
            }
        }

        var expected = TinyImageNet.Scores(nchw);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(expected[k], scores[k], 1e-6);
        }
    }

    [Fact]
    public void Classes_add_up_their_labels_scores_and_without_a_mapping_each_label_is_a_head_class()
    {
        var mapped = Details(new ModelDefinition
        {
            Kind = ModelKinds.Onnx,
            Head = "colour",
            Labels = TinyImageNet.Labels,
            Classes = [new ModelClass { Name = "colour_warm", Labels = ["red"] }, new ModelClass { Name = "colour_cool", Labels = ["green", "blue"] }],
            Preprocessing = new ModelPreprocessing { Width = 2, Height = 2 },
        });
        var plain = Details(mapped.Definition with { Classes = [], Labels = ["Red", "light green", "blue"] });

        var classes = RegisteredHead.Classes(mapped, [0.5f, 0.2f, 0.3f]);
        Assert.Equal(["colour_warm", "colour_cool"], classes.Select(c => c.Class));
        Assert.Equal(0.5, classes[0].Score, 1e-7);
        Assert.Equal(0.5, classes[1].Score, 1e-7);
        Assert.Equal(["colour_red", "colour_light_green", "colour_blue"], RegisteredHead.Classes(plain, [0.5f, 0.2f, 0.3f]).Select(c => c.Class));
    }

    [Fact]
    public void The_version_changes_with_the_file_and_with_the_mapping()
    {
        var definition = new ModelDefinition
        {
            Kind = ModelKinds.Onnx,
            Head = "colour",
            Labels = TinyImageNet.Labels,
            Preprocessing = new ModelPreprocessing { Width = 2, Height = 2 },
        };
        var file = TinyImageNet.Onnx();

        var version = ModelRules.Version("tiny", definition, file);

        Assert.Matches("^tiny/onnx-[0-9a-f]{12}$", version);
        Assert.Equal(version, ModelRules.Version("tiny", ModelRules.Deserialize(ModelRules.Serialize(definition)), [.. file]));
        Assert.NotEqual(version, ModelRules.Version("tiny", definition, TinyImageNet.Onnx(input: "other")));
        Assert.NotEqual(version, ModelRules.Version("tiny", definition with { Head = "hue" }, file));
    }

    private static ModelDetails Details(ModelDefinition definition) => new()
    {
        Name = "tiny",
        Definition = definition,
        Version = "tiny/onnx-000000000000",
        ContentBytes = 1,
        RegisteredOn = DateTimeOffset.UnixEpoch,
        ClassNames = ModelRules.ClassNames(definition),
    };

    private static RgbImage Solid(int width, int height, byte r, byte g, byte b)
    {
        var pixels = new byte[width * height * 3];
        for (var i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        }

        return new RgbImage(width, height, pixels);
    }
}
