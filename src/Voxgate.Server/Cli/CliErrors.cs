namespace Voxgate.Server.Cli;

/// <summary>Turns an exception into the one line a verb prints before exiting non-zero.</summary>
internal static class CliErrors
{
    /// <summary>The message on one line, without .NET's "(Parameter 'x')" suffix.</summary>
    public static string OneLine(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = exception is ArgumentException { ParamName: { } name } argument
            ? argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal)
            : exception.Message;
        return message.ReplaceLineEndings(" ").Trim();
    }
}
