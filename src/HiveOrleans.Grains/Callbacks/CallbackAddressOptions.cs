using System.ComponentModel.DataAnnotations;
using HiveOrleans.Grains.Media;

namespace HiveOrleans.Grains.Callbacks;

/// <summary>
/// Which addresses callbacks may be delivered to. Bound from <c>HiveOrleans:Callbacks</c>; see docs/operations.md and
/// docs/callbacks.md. Loopback, link-local (cloud metadata), unspecified, multicast, reserved and broadcast addresses
/// and this host's own are always refused unless allow-listed; private and CGNAT ranges are allowed unless
/// <see cref="AllowPrivateNetworks"/> is false, because a self-hosted platform's receivers usually sit there.
/// </summary>
public sealed class CallbackAddressOptions : IValidatableObject
{
    public const string Section = "HiveOrleans:Callbacks";

    /// <summary>Whether callbacks may reach private (RFC 1918, unique-local) and CGNAT addresses that are not this host's.</summary>
    public bool AllowPrivateNetworks { get; set; } = true;

    /// <summary>
    /// Addresses and CIDR ranges (<c>127.0.0.1</c>, <c>10.0.0.0/8</c>, <c>fd00::/8</c>) callbacks may reach although
    /// the policy refuses them. Empty by default, because the configuration binder appends to a non-empty default.
    /// </summary>
    public List<string> AllowList { get; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        OutboundAddressPolicy.Validate(AllowList)
            .Select(error => new ValidationResult($"{Section}:{nameof(AllowList)}: {error}", [nameof(AllowList)]));
}
