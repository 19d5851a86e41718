using HiveOrleans.Gateway.Hosting;

await GatewayApp.Build(args).RunAsync();
