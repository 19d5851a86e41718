using HiveOrleans.Gateway.Hosting;
using Microsoft.Extensions.Configuration;

namespace HiveOrleans.Gateway.Tests.Hosting;

/// <summary>The gateway is an Orleans client only: the silo and its engines come from HiveOrleans.Host.</summary>
public sealed class ClientOnlyGatewayTests
{
    [Fact]
    public void The_gateway_assembly_references_no_silo_grain_or_engine_assembly()
    {
        var ours = typeof(GatewayApp).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("HiveOrleans.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(["HiveOrleans.Abstractions", "HiveOrleans.Hosting", "HiveOrleans.Storage", "HiveOrleans.Wire"], ours);
        Assert.DoesNotContain(typeof(GatewayApp).Assembly.GetReferencedAssemblies(), a => a.Name == "Orleans.Server");
    }

    [Fact]
    public void Without_a_cluster_to_join_the_gateway_alone_refuses_to_start_and_names_the_host_to_run()
    {
        var data = Directory.CreateTempSubdirectory("hive-client-only-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => GatewayApp.Build(
                ["--urls", "http://127.0.0.1:0"],
                builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["HiveOrleans:DataDirectory"] = data.FullName })));

            Assert.Contains("ConnectionStrings:HiveOrleans", error.Message, StringComparison.Ordinal);
            Assert.Contains("src/HiveOrleans.Host", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
