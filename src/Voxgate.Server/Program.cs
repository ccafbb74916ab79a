using System.CommandLine;
using Voxgate.Server.Cli;

// `serve` handles SIGTERM itself, through the host: it drains calls for Gateway:DrainTimeout. System.CommandLine's own
// handler would end the process two seconds after the signal, in the middle of the drain; the other verbs keep it.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = args is ["serve", ..] ? null : TimeSpan.FromSeconds(2) };
return await VoxgateCli.Create().Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
