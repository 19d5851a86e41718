using HiveOrleans.Abstractions.Models;

namespace HiveOrleans.Wire.Models;

/// <summary>A registered visual model as the operator API shows it (<c>/admin/v1/models/{name}</c>).</summary>
/// <param name="Name">The name projects choose it by in <c>visual_models</c>.</param>
/// <param name="Kind"><c>onnx</c> or <c>remote</c>.</param>
/// <param name="Version">What its scores depend on; part of the result cache key and of each task's <c>model_version</c>.</param>
/// <param name="Description">What it is, in the operator's words.</param>
/// <param name="Head">The head its classes belong to.</param>
/// <param name="Labels">A name per output score, in output order.</param>
/// <param name="Classes">Each class it reports and the labels whose scores add up to it, in the order reported.</param>
/// <param name="Preprocessing">How pictures become its input.</param>
/// <param name="Remote">The inference server, for a remote model.</param>
/// <param name="ContentBytes">The size of its ONNX file; 0 for a remote model.</param>
/// <param name="RegisteredOn">When this version was registered.</param>
/// <param name="Replaced">In the answer to a registration: true when it replaced an earlier version of the name; otherwise false.</param>
public sealed record ModelDocument(
    string Name,
    string Kind,
    string Version,
    string Description,
    string Head,
    IReadOnlyList<string> Labels,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Classes,
    PreprocessingDocument Preprocessing,
    RemoteServerDocument? Remote,
    long ContentBytes,
    DateTimeOffset RegisteredOn,
    bool Replaced)
{
    /// <summary>The document for <paramref name="model"/>.</summary>
    public static ModelDocument From(ModelDetails model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var definition = model.Definition;
        // A Dictionary with nothing removed enumerates, and so is written, in the order entries were added.
        var classes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (var i = 0; i < model.ClassNames.Count; i++)
        {
            classes.Add(model.ClassNames[i], definition.Classes.Count > 0 ? definition.Classes[i].Labels : [definition.Labels[i]]);
        }

        var p = definition.Preprocessing;
        var r = definition.Remote;
        return new(
            model.Name,
            definition.Kind,
            model.Version,
            definition.Description,
            definition.Head,
            definition.Labels,
            classes,
            new PreprocessingDocument(p.Width, p.Height, p.Resize, p.Channels, p.Layout, p.Divisor, p.Mean, p.Std),
            r is null ? null : new RemoteServerDocument(r.BaseUrl, r.ModelName, r.InputName, r.OutputName, r.TimeoutSeconds, r.Retries, r.MaxConcurrency),
            model.ContentBytes,
            model.RegisteredOn,
            model.Replaced);
    }
}
