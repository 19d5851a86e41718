using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HiveOrleans.Abstractions.Models;
using HiveOrleans.Abstractions.Projects;
using HiveOrleans.Moderation.Onnx;

namespace HiveOrleans.Grains.Models.Registered;

/// <summary>What a valid registered model is: its name, definition and version.</summary>
internal static class ModelRules
{
    public const int MaxNameLength = 64;
    public const int MaxLabels = 10_000;
    public const int MaxLabelLength = 100;

    /// <summary>The largest ONNX file taken (it travels in one grain call and one row): big models belong on a remote server.</summary>
    public const int MaxContentBytes = ModelLimits.MaxContentBytes;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The name: lowercase letters, digits, '_' and '-', starting with a letter or digit; not a built-in model's.</summary>
    public static string Name(string name)
    {
        Require(
            name.Length is > 0 and <= MaxNameLength
            && (char.IsAsciiLetterLower(name[0]) || char.IsAsciiDigit(name[0]))
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'),
            $"A model's name is lowercase letters, digits, '_' and '-', starting with a letter or digit, at most {MaxNameLength} characters; got '{name}'.");
        Require(!VisualModels.Known.Contains(name), $"'{name}' is a built-in model's name; choose another.");
        return name;
    }

    /// <summary>Checks the definition; every refusal names the field.</summary>
    public static ModelDefinition Check(ModelDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Require(definition.Kind is ModelKinds.Onnx or ModelKinds.Remote, $"'kind' must be '{ModelKinds.Onnx}' or '{ModelKinds.Remote}'.");
        Require(IsClassWord(definition.Head), "'head' is required: lowercase letters, digits and '_', at most 64 characters, e.g. \"weapons\".");
        Require(definition.Description.Length <= 1000, "'description' is at most 1000 characters.");
        var labels = definition.Labels;
        Require(labels.Count is > 0 and <= MaxLabels, $"'labels' must name 1 to {MaxLabels} labels, one per output score in order.");
        Require(labels.All(l => l.Length is > 0 and <= MaxLabelLength), $"'labels' entries are 1 to {MaxLabelLength} characters.");
        Require(labels.Distinct(StringComparer.Ordinal).Count() == labels.Count, "'labels' names a label twice.");
        foreach (var modelClass in definition.Classes)
        {
            Require(IsClassWord(modelClass.Name), $"'classes' names '{modelClass.Name}': a class is lowercase letters, digits and '_', at most 64 characters.");
            Require(modelClass.Labels.Count > 0, $"'classes.{modelClass.Name}' names no label.");
            foreach (var label in modelClass.Labels)
            {
                Require(labels.Contains(label), $"'classes.{modelClass.Name}' names '{label}', which is not one of 'labels'.");
            }
        }

        Require(definition.Classes.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() == definition.Classes.Count, "'classes' names a class twice.");
        var classes = ClassNames(definition);
        Require(!classes.Any(VisualModels.NsfwClasses.Contains), "The model's classes must not take the NSFW classifier's names (general_*, nsfwjs_*).");
        Require(classes.Distinct(StringComparer.Ordinal).Count() == classes.Count, "Two labels give the same class name; give 'classes' explicitly.");
        _ = Preprocessing(definition.Preprocessing);
        if (definition.Kind == ModelKinds.Remote)
        {
            Remote(definition.Remote);
        }
        else
        {
            Require(definition.Remote is null, "'remote' is for kind 'remote' only.");
        }

        return definition;
    }

    /// <summary>The classes a model reports, in order: its <see cref="ModelDefinition.Classes"/>, or <c>{head}_{label}</c> per label.</summary>
    public static IReadOnlyList<string> ClassNames(ModelDefinition definition) =>
        definition.Classes.Count > 0
            ? [.. definition.Classes.Select(c => c.Name)]
            : [.. definition.Labels.Select(label => $"{definition.Head}_{ClassWord(label)}")];

    /// <summary>The preprocessing as the runtime takes it.</summary>
    public static ImagePreprocessing Preprocessing(ModelPreprocessing spec)
    {
        Require(spec is not null, "'preprocessing' is required: {\"width\", \"height\", ...}.");
        Require(spec!.Resize == "stretch", "'preprocessing.resize' must be 'stretch' (aligned-corner bilinear to the input's size, aspect ratio ignored).");
        var channels = spec.Channels switch
        {
            "rgb" => ChannelOrder.Rgb,
            "bgr" => ChannelOrder.Bgr,
            _ => throw new ModelRequestException("'preprocessing.channels' must be 'rgb' or 'bgr'."),
        };
        var layout = spec.Layout switch
        {
            "nchw" => TensorLayout.Nchw,
            "nhwc" => TensorLayout.Nhwc,
            _ => throw new ModelRequestException("'preprocessing.layout' must be 'nchw' or 'nhwc'."),
        };
        var preprocessing = new ImagePreprocessing(spec.Width, spec.Height, ResizeMode.StretchBilinearAlignCorners, channels, layout, spec.Divisor, spec.Mean, spec.Std);
        try
        {
            preprocessing.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ModelRequestException($"'preprocessing': {ex.Message}");
        }

        return preprocessing;
    }

    /// <summary>
    /// The version: <c>{name}/{kind}-</c> and the first 12 hex digits of the SHA-256 of the ONNX file (none for a
    /// remote model) and the definition, so a new file, another mapping or another server is a new version.
    /// </summary>
    public static string Version(string name, ModelDefinition definition, byte[]? content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(SHA256.HashData(content ?? []));
        hash.AppendData(Encoding.UTF8.GetBytes(Serialize(definition)));
        return $"{name}/{definition.Kind}-{Convert.ToHexStringLower(hash.GetHashAndReset())[..12]}";
    }

    public static string Serialize(ModelDefinition definition) => JsonSerializer.Serialize(definition, Json);

    public static ModelDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<ModelDefinition>(json, Json) ?? throw new InvalidDataException("A stored model definition is empty.");

    private static void Remote(RemoteServer? remote)
    {
        Require(remote is not null, "'remote' is required for kind 'remote': {\"base_url\", \"model_name\", \"input_name\", \"output_name\"}.");
        Require(
            Uri.TryCreate(remote!.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Query.Length == 0 && uri.Fragment.Length == 0,
            "'remote.base_url' must be an absolute http or https URL without query, e.g. http://triton:8000.");
        Require(IsTensorName(remote.ModelName), "'remote.model_name' is required: the model's name on the server (letters, digits, '_', '-', '.').");
        Require(IsTensorName(remote.InputName), "'remote.input_name' is required: the name of the model's input tensor.");
        Require(IsTensorName(remote.OutputName), "'remote.output_name' is required: the name of the model's output tensor.");
        Require(remote.TimeoutSeconds is >= 0.1 and <= 600 && double.IsFinite(remote.TimeoutSeconds), "'remote.timeout_seconds' must be from 0.1 to 600.");
        Require(remote.Retries is >= 0 and <= 10, "'remote.retries' must be from 0 to 10.");
        Require(remote.MaxConcurrency is >= 1 and <= 1000, "'remote.max_concurrency' must be from 1 to 1000.");
    }

    private static bool IsClassWord(string? word) =>
        word is { Length: > 0 and <= 64 } && word.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static bool IsTensorName(string? name) =>
        name is { Length: > 0 and <= 200 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':');

    /// <summary>A label as part of a class name: lowercase, anything but letters and digits as '_'.</summary>
    private static string ClassWord(string label) =>
        string.Concat(label.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_'));

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ModelRequestException(message);
        }
    }
}
