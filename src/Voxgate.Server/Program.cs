using Voxgate.Server.Cli;

return await VoxgateCli.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
