namespace Voxgate.Speech.Tests;

public sealed class SpeechModelsTests
{
    [Fact]
    public void Everything_the_engine_needs_is_installed_here()
        => Assert.Empty(SpeechModels.FindProblems());

    [Fact]
    public void Missing_models_and_voices_are_each_reported()
    {
        IReadOnlyList<string> problems = SpeechModels.FindProblems("/nonexistent/vad.onnx", "/nonexistent/en-us", ["slt", "darth"]);

        Assert.Contains(problems, problem => problem.Contains("/nonexistent/vad.onnx", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("acoustic model", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("language model", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("dictionary", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("darth", StringComparison.Ordinal));
        Assert.Equal(5, problems.Count);
    }
}
