using System.CommandLine;

namespace Voxgate.Server.Cli;

/// <summary>The <c>voxgate</c> command line: one verb per capability.</summary>
internal static class VoxgateCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Voxgate: a realtime voice-agent server. Run 'voxgate serve' to start it.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ConvertCommand.Create());
        root.Subcommands.Add(SayCommand.Create());
        root.Subcommands.Add(TranscribeCommand.Create());
        root.Subcommands.Add(CallCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
