using HiveOrleans.Host;

await EmbeddedHost.Build(args).RunAsync();
