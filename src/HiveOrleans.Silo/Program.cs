using HiveOrleans.Silo.Hosting;
using Microsoft.Extensions.Hosting;

// A standalone silo for cluster mode: PostgreSQL from ConnectionStrings:HiveOrleans.
var builder = Host.CreateApplicationBuilder(args);
var settings = HiveClusterSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
if (settings.IsEmbedded)
{
    Console.Error.WriteLine("HiveOrleans.Silo runs in cluster mode only: set ConnectionStrings__HiveOrleans to a PostgreSQL connection string. " +
        "For a single process with no setup, run the gateway (dotnet run --project src/HiveOrleans.Gateway).");
    return 2;
}

builder.Services.AddHiveTelemetry(builder.Configuration, "hiveorleans-silo");
builder.UseOrleans(silo => silo.AddHiveOrleansSilo(builder.Configuration, settings));
await builder.Build().RunAsync();
return 0;
