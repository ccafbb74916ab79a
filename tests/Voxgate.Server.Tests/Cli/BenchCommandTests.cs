namespace Voxgate.Server.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public async Task One_short_engine_run_prints_a_table_row_with_answered_turns()
    {
        var (code, output, error) = await CliRunner.RunAsync("bench", "engine", "--sessions", "1", "--seconds", "2");
        Assert.True(code is 0 or 3, error);   // 3: ran, but missed a target (this box may be busy); timings are never asserted
        string row = Assert.Single(output.Split('\n'), line => line.StartsWith("| 1 |", StringComparison.Ordinal));
        Assert.Matches(@"^\| 1 \| \d+ \| [1-9]\d*/[1-9]\d* \|", row);
    }

    [Theory]
    [InlineData("engine", "--sessions", "0", "--sessions must be")]
    [InlineData("wer", "--language-model", "/nonexistent/lm.arpa", "does not exist")]
    [InlineData("wer", "--domain-weight", "1.5", "--domain-weight must be")]
    [InlineData("dialogues", "--only", "no-such-dialogue", "no dialogue has those ids")]
    [InlineData("dialogues", "--parallel", "0", "--parallel must be")]
    public async Task Bad_options_exit_non_zero_with_one_line(string verb, string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("bench", verb, option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
