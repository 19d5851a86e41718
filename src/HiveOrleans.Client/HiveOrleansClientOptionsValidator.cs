using Microsoft.Extensions.Options;

namespace HiveOrleans.Client;

/// <summary>Fails <see cref="HiveOrleansClientOptions"/> that cannot work, with a message naming the setting.</summary>
internal sealed class HiveOrleansClientOptionsValidator : IValidateOptions<HiveOrleansClientOptions>
{
    public ValidateOptionsResult Validate(string? name, HiveOrleansClientOptions options) =>
        options?.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
