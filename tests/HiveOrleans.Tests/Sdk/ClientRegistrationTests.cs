using HiveOrleans.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HiveOrleans.Tests.Sdk;

/// <summary>How the SDK registers with dependency injection, and how it refuses settings that cannot work.</summary>
public sealed class ClientRegistrationTests
{
    [Fact]
    public async Task A_host_whose_client_has_no_api_key_fails_to_start_naming_the_setting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddHiveOrleansClient(o => o.BaseAddress = new Uri("http://127.0.0.1:5080/"));
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("HiveOrleansClientOptions.ApiKey is required", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/", 4, "BaseAddress")]
    [InlineData("http://example.com/", 0, "MaxAttempts")]
    public void Settings_that_cannot_work_are_refused_when_the_client_is_made(string address, int attempts, string setting)
    {
        var services = new ServiceCollection();
        services.AddHiveOrleansClient(o =>
        {
            o.ApiKey = "key";
            o.BaseAddress = new Uri(address);
            o.MaxAttempts = attempts;
        });
        using var provider = services.BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HiveOrleansClient>());

        Assert.Contains("HiveOrleansClientOptions." + setting, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_base_address_in_the_options_or_on_the_HttpClient_the_client_says_which_to_set()
    {
        using var http = new HttpClient();

        var refused = Assert.Throws<InvalidOperationException>(() => new HiveOrleansClient(http, new HiveOrleansClientOptions { ApiKey = "key" }));

        Assert.Contains("BaseAddress", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_typed_client_comes_from_the_http_client_factory_and_the_verifier_from_its_options()
    {
        var services = new ServiceCollection();
        services.AddHiveOrleansClient(o =>
        {
            o.ApiKey = "key";
            o.BaseAddress = new Uri("http://127.0.0.1:5080/");
        });
        services.AddHiveOrleansCallbackVerifier(o =>
        {
            o.Secrets.Add("whsec_" + Convert.ToBase64String(new byte[32]));
            o.Tolerance = TimeSpan.FromMinutes(1);
        });
        using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService<HiveOrleansClient>());
        Assert.NotNull(provider.GetRequiredService<IHttpClientFactory>());
        Assert.Equal(TimeSpan.FromMinutes(1), provider.GetRequiredService<CallbackVerifier>().Tolerance);
    }
}
