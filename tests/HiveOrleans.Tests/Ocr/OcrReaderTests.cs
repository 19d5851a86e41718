using HiveOrleans.Abstractions.Tasks;
using HiveOrleans.Grains.Models;
using HiveOrleans.Moderation.Ocr;
using HiveOrleans.Moderation.Onnx;
using HiveOrleans.Moderation.Text;
using Layout = HiveOrleans.Tests.Ocr.TextPictures.Layout;

namespace HiveOrleans.Tests.Ocr;

/// <summary>The real tesseract reading pictures drawn here, and the text engine judging what it read.</summary>
public sealed class OcrReaderTests
{
    // A meme's punchline is its bottom line, drawn over the calmer part of the photo; text over the tree at the top is
    // what tesseract reads worst (docs/moderation.md, "OCR"), so the assertions on memes are on the bottom line.
    private static readonly string[] Threat = ["see you tonight", "I will kill you"];
    private static readonly string[] Benign = ["happy birthday to my", "wonderful little sister"];
    private static readonly TextEngine Engine = new();

    private readonly OcrReader _reader = new(new TesseractOcr(), Engine);

    public static TheoryData<Layout> Layouts => [.. TextPictures.All];

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_threat_drawn_on_a_picture_is_read_and_flagged_as_violence(Layout layout)
    {
        var (blocks, classes) = await ReadAsync(layout, Threat);

        var words = blocks.SelectMany(b => b.BlockText.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.True(TextPictures.Recall(TextPictures.Words(Expected(layout, Threat)), words) >= 0.9, $"{layout}: read '{string.Join(" | ", blocks.Select(b => b.BlockText))}'");
        Assert.True(classes.Single(c => c.Class == TextHeads.Violence).Score >= 2, $"{layout}: {string.Join(", ", classes)}");
        Assert.Contains(blocks, b => b.Classes.Single(c => c.Class == TextHeads.Violence).Score >= 2);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task A_kind_message_on_a_picture_is_read_and_is_not_flagged(Layout layout)
    {
        var (blocks, classes) = await ReadAsync(layout, Benign);

        var words = blocks.SelectMany(b => b.BlockText.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
        Assert.True(TextPictures.Recall(TextPictures.Words(Expected(layout, Benign)), words) >= 0.9, $"{layout}: read '{string.Join(" | ", blocks.Select(b => b.BlockText))}'");
        Assert.All(classes.Where(c => c.Class is TextHeads.Violence or TextHeads.Hate or TextHeads.Bullying), c => Assert.True(c.Score < 2, $"{layout}: {c}"));
    }

    [Fact]
    public async Task Each_word_has_a_box_where_it_was_drawn_in_the_submitted_pictures_pixels()
    {
        var (blocks, _) = await ReadAsync(Layout.Plain, ["kill"], width: 400, height: 300);

        var box = Assert.Single(Assert.Single(blocks).Words);
        Assert.Equal(0, blocks[0].StartCharIndex);
        Assert.Equal(4, blocks[0].EndCharIndex);

        // The word is centred at x = 200 on the baseline y = 100, drawn 18.75 px high.
        Assert.InRange((box.Left + box.Right) / 2.0, 190, 210);
        Assert.InRange(box.Bottom, 95, 106);
        Assert.InRange(box.Bottom - box.Top, 10, 25);
        Assert.InRange(box.Score, 0.5, 1);
    }

    [Fact]
    public async Task A_picture_without_text_has_no_blocks_and_every_head_at_zero()
    {
        var (blocks, classes) = await ReadAsync(Layout.Plain, []);

        Assert.Empty(blocks);
        Assert.Equal(TextHeads.All.Count, classes.Length);
        Assert.All(classes, c => Assert.Equal(0, c.Score));
    }

    [Fact]
    public async Task A_language_that_is_not_installed_is_refused_naming_its_debian_package()
    {
        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => _reader.EnsureInstalledAsync(["eng", "zzz"], CancellationToken.None));

        Assert.Contains("tesseract-ocr-zzz", error.Message, StringComparison.Ordinal);
        await _reader.EnsureInstalledAsync(["eng"], CancellationToken.None);
    }

    [Fact]
    public async Task A_silo_without_tesseract_refuses_ocr_naming_the_debian_package()
    {
        var missing = new OcrReader(new TesseractOcr("/nonexistent/tesseract"), Engine);

        var error = await Assert.ThrowsAsync<ModelUnavailableException>(() => missing.EnsureInstalledAsync(["eng"], CancellationToken.None));

        Assert.Contains("tesseract-ocr", error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> Expected(Layout layout, string[] lines) => layout == Layout.Meme ? [lines[^1]] : lines;

    private async Task<(IReadOnlyList<OcrFrameResult> Blocks, ClassScore[] Classes)> ReadAsync(Layout layout, IReadOnlyList<string> lines, int width = 1000, int height = 1000)
    {
        var picture = RgbDecoder.Decode(TextPictures.Png(layout, lines, width, height));
        return await _reader.ReadAsync(picture, OcrReader.DefaultLanguages, ModelContext.Empty, CancellationToken.None);
    }
}
