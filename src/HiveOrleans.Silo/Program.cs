using HiveOrleans.Silo.Hosting;
using Microsoft.Extensions.Hosting;

// A standalone silo for cluster mode: PostgreSQL from ConnectionStrings:HiveOrleans.
IHost host;
try
{
    host = SiloApp.Build(args);
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

await host.RunAsync();
return 0;
