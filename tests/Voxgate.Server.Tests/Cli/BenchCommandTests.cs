namespace Voxgate.Server.Tests.Cli;

/// <summary>The benchmarks run as a user runs them: the measuring ones in a process of their own.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task One_short_engine_run_prints_a_table_row_with_answered_turns()
    {
        var (code, output, error) = await CliProcess.RunAsync(TimeSpan.FromMinutes(3), "bench", "engine", "--sessions", "1", "--seconds", "2");
        Assert.True(code is 0 or 3, error);   // 3: ran, but missed a target (this box may be busy); timings are never asserted
        string row = Assert.Single(output.Split('\n'), line => line.StartsWith("| 1 |", StringComparison.Ordinal));
        Assert.Matches(@"^\| 1 \| \d+ \| [1-9]\d*/[1-9]\d* \|", row);
    }

    [Fact]
    public async Task A_short_relay_run_with_a_gateway_setting_relays_every_frame_through_a_gateway_process()
    {
        var (code, output, error) = await CliProcess.RunAsync(TimeSpan.FromMinutes(3), "bench", "relay", "--sessions", "5", "--seconds", "1", "--gateway-setting", "Recording:Enabled=false");
        Assert.True(code == 0, error);
        Assert.Contains("(Recording:Enabled=false)", output, StringComparison.Ordinal);
        string row = Assert.Single(output.Split('\n'), line => line.StartsWith("| 5 |", StringComparison.Ordinal));
        Assert.Matches(@"\| [1-9]\d* \| 0 \(0\.00 %\) \|", row);
    }

    [Theory]
    [InlineData("relay", "--gateway-setting", "Recording:Enabled", "--gateway-setting takes Key=Value")]
    [InlineData("engine", "--sessions", "0", "--sessions must be")]
    [InlineData("wer", "--language-model", "/nonexistent/lm.arpa", "does not exist")]
    [InlineData("wer", "--domain-weight", "1.5", "--domain-weight must be")]
    [InlineData("dialogues", "--only", "no-such-dialogue", "no dialogue has those ids")]
    [InlineData("dialogues", "--parallel", "0", "--parallel must be")]
    [InlineData("dialogues", "--preemptive-lead-ms", "-1", "--preemptive-lead-ms must be")]
    public async Task Bad_options_exit_non_zero_with_one_line(string verb, string option, string value, string expected)
    {
        var (code, _, error) = await CliRunner.RunAsync("bench", verb, option, value);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
