using System.CommandLine;
using Voxgate.Server.Cli;

namespace Voxgate.Server.Tests.Cli;

/// <summary>Runs the voxgate command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await VoxgateCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
