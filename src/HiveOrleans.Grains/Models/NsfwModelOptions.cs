using System.ComponentModel.DataAnnotations;
using HiveOrleans.Moderation.Nsfw;

namespace HiveOrleans.Grains.Models;

/// <summary>The built-in NSFW classifier. Bound from <c>HiveOrleans:Nsfw</c>; see docs/operations.md.</summary>
public sealed class NsfwModelOptions : IValidatableObject
{
    public const string Section = "HiveOrleans:Nsfw";

    /// <summary>
    /// Where nsfwjs's MobileNetV2 is (model.json and group1-shard1of1.bin, written by tools/nsfwjs/prepare.sh);
    /// relative paths are from the application's folder, where the build copies them.
    /// </summary>
    [Required]
    public string ModelDirectory { get; set; } = Path.Combine("nsfwjs", "mobilenet_v2");

    /// <summary>
    /// Where the converted ONNX model is kept between starts (keyed by the weights' SHA-256); null for
    /// <c>HiveOrleans:DataDirectory</c>/models. Converting takes a fraction of a second, so an unwritable folder only costs that.
    /// </summary>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// True (the default) to refuse to start without the model's files, naming the command that writes them. False
    /// for silos that serve text only: a visual task that needs the classifier then fails, saying why.
    /// </summary>
    public bool Required { get; set; } = true;

    /// <summary>Threads one inference may use; 0 (the default) for the cores divided by the model concurrency, at least 1.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary><see cref="ModelDirectory"/> as a full path.</summary>
    public string FullModelDirectory => Path.GetFullPath(ModelDirectory, AppContext.BaseDirectory);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var missing = NsfwjsModel.Files.Where(file => !File.Exists(Path.Combine(FullModelDirectory, file))).ToArray();
        if (Required && missing.Length > 0)
        {
            yield return new ValidationResult(new NsfwjsWeightsMissingException(FullModelDirectory, missing).Message, [nameof(ModelDirectory)]);
        }
    }
}
