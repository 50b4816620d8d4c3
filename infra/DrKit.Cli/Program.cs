using DrKit.Cli;

return await DrKitApp.RunAsync(args, CliIO.FromProcess(), CancellationToken.None);
