using System.Text.Json;
using HiveOrleans.Abstractions.Models;
using HiveOrleans.Gateway.Wire;

namespace HiveOrleans.Gateway.Admin;

/// <summary>
/// Reads a model registration's JSON (<c>POST /admin/v1/models</c>) into a <see cref="ModelDefinition"/>, checking
/// each field's type; what a valid model is (names, labels, mapping, ranges) is the model grain's rule.
/// </summary>
internal static class ModelDefinitionReader
{
    public static (string Name, ModelDefinition Definition, string? Path) Read(JsonElement root)
    {
        var name = JsonFields.String(root, "name") ?? throw ApiException.BadRequest("'name' is required: the model's name (a–z, 0–9, '_' and '-').");
        var kind = JsonFields.String(root, "kind") ?? ModelKinds.Onnx;
        var head = JsonFields.String(root, "head") ?? throw ApiException.BadRequest("'head' is required: the head its classes belong to, e.g. \"weapons\".");
        var labels = JsonFields.Strings(root, "labels") ?? throw ApiException.BadRequest("'labels' is required: a name per output score, in order.");
        var definition = new ModelDefinition
        {
            Kind = kind,
            Head = head,
            Labels = labels,
            Classes = Classes(root),
            Preprocessing = Preprocessing(root),
            Remote = Remote(root),
            Description = JsonFields.String(root, "description") ?? "",
        };
        return (name, definition, JsonFields.String(root, "path"));
    }

    /// <summary><c>{"class": ["label", …], …}</c> in the order written.</summary>
    private static IReadOnlyList<ModelClass> Classes(JsonElement root)
    {
        if (JsonFields.Field(root, "classes") is not { } classes)
        {
            return [];
        }

        if (classes.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'classes' must be an object of class names to arrays of labels, e.g. {\"weapon_gun\": [\"gun\"]}.");
        }

        return [.. JsonFields.Properties(classes, "classes").Select(pair => new ModelClass
        {
            Name = pair.Name,
            Labels = JsonFields.Strings(classes, pair.Name) ?? throw ApiException.BadRequest($"'classes.{pair.Name}' must be an array of labels."),
        })];
    }

    private static ModelPreprocessing Preprocessing(JsonElement root)
    {
        if (JsonFields.Field(root, "preprocessing") is not { ValueKind: JsonValueKind.Object } p)
        {
            throw ApiException.BadRequest("'preprocessing' is required: an object {\"width\", \"height\", \"resize\", \"channels\", \"layout\", \"divisor\", \"mean\", \"std\"}.");
        }

        var defaults = new ModelPreprocessing { Width = 0, Height = 0 };
        return new ModelPreprocessing
        {
            Width = (int)(JsonFields.Int64(p, "width", 1, 4096, "preprocessing.width") ?? throw ApiException.BadRequest("'preprocessing.width' is required.")),
            Height = (int)(JsonFields.Int64(p, "height", 1, 4096, "preprocessing.height") ?? throw ApiException.BadRequest("'preprocessing.height' is required.")),
            Resize = JsonFields.String(p, "resize", "preprocessing.resize") ?? defaults.Resize,
            Channels = JsonFields.String(p, "channels", "preprocessing.channels") ?? defaults.Channels,
            Layout = JsonFields.String(p, "layout", "preprocessing.layout") ?? defaults.Layout,
            Divisor = (float)(JsonFields.Number(p, "divisor", 1e-6, 1e6, "preprocessing.divisor") ?? defaults.Divisor),
            Mean = Floats(p, "mean") ?? defaults.Mean,
            Std = Floats(p, "std") ?? defaults.Std,
        };
    }

    private static float[]? Floats(JsonElement preprocessing, string name)
    {
        if (JsonFields.Field(preprocessing, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3)
        {
            throw ApiException.BadRequest($"'preprocessing.{name}' must be an array of three numbers, one per channel.");
        }

        return [.. value.EnumerateArray().Select((v, i) => v.ValueKind == JsonValueKind.Number && v.TryGetSingle(out var f) && float.IsFinite(f)
            ? f
            : throw ApiException.BadRequest($"'preprocessing.{name}[{i}]' must be a number."))];
    }

    private static RemoteServer? Remote(JsonElement root)
    {
        if (JsonFields.Field(root, "remote") is not { } r)
        {
            return null;
        }

        if (r.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.BadRequest("'remote' must be an object {\"base_url\", \"model_name\", \"input_name\", \"output_name\", ...}.");
        }

        var defaults = new RemoteServer { BaseUrl = "", ModelName = "", InputName = "", OutputName = "" };
        return new RemoteServer
        {
            BaseUrl = JsonFields.String(r, "base_url", "remote.base_url") ?? "",
            ModelName = JsonFields.String(r, "model_name", "remote.model_name") ?? "",
            InputName = JsonFields.String(r, "input_name", "remote.input_name") ?? "",
            OutputName = JsonFields.String(r, "output_name", "remote.output_name") ?? "",
            TimeoutSeconds = JsonFields.Number(r, "timeout_seconds", 0.1, 600, "remote.timeout_seconds") ?? defaults.TimeoutSeconds,
            Retries = (int)(JsonFields.Int64(r, "retries", 0, 10, "remote.retries") ?? defaults.Retries),
            MaxConcurrency = (int)(JsonFields.Int64(r, "max_concurrency", 1, 1000, "remote.max_concurrency") ?? defaults.MaxConcurrency),
        };
    }
}
