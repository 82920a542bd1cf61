using Doqutore.Cli;

return await DoqutoreCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
