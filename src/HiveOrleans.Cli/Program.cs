using HiveOrleans.Cli;

// No environment argument: CliApp then reads HIVEORLEANS_URL and HIVEORLEANS_ADMIN_TOKEN from this process's.
return await CliApp.RunAsync(args, Console.Out, Console.Error);
