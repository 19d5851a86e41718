using System.ComponentModel.DataAnnotations;

namespace HiveOrleans.Grains.Media;

/// <summary>How media is downloaded from callers' URLs. Bound from <c>HiveOrleans:Media</c>; see docs/operations.md.</summary>
public sealed class MediaFetchOptions : IValidatableObject
{
    public const string Section = "HiveOrleans:Media";

    /// <summary>A download whose headers and body together take longer than this fails.</summary>
    [Range(1, 3_600)]
    public int FetchTimeoutSeconds { get; set; } = 30;

    /// <summary>How many redirects one download follows; 0 refuses every redirect.</summary>
    [Range(0, 20)]
    public int MaxRedirects { get; set; } = 5;

    /// <summary>
    /// Addresses and CIDR ranges (<c>10.1.2.3</c>, <c>10.0.0.0/8</c>, <c>fd00::/8</c>) downloads may reach although
    /// <see cref="OutboundAddressPolicy"/> refuses them by default: loopback, private, link-local and the like.
    /// Empty by default, because the configuration binder appends to a non-empty default instead of replacing it.
    /// </summary>
    public List<string> FetchAllowList { get; } = [];

    internal TimeSpan FetchTimeout => TimeSpan.FromSeconds(FetchTimeoutSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        OutboundAddressPolicy.Validate(FetchAllowList)
            .Select(error => new ValidationResult($"{Section}:{nameof(FetchAllowList)}: {error}", [nameof(FetchAllowList)]));
}
