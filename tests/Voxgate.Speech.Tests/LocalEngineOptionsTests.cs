namespace Voxgate.Speech.Tests;

public sealed class LocalEngineOptionsTests
{
    [Fact]
    public void No_language_model_means_the_general_one_with_the_front_desk_one_and_general_means_it_alone()
    {
        Assert.Null(new LocalEngineOptions().ResolvedLanguageModel);
        Assert.Equal("/usr/share/pocketsphinx/model/en-us/en-us.lm.bin", new LocalEngineOptions { LanguageModel = "general" }.ResolvedLanguageModel);
        Assert.Equal("/models/clinic.lm", new LocalEngineOptions { LanguageModel = "/models/clinic.lm" }.ResolvedLanguageModel);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "clinic.lm"), new LocalEngineOptions { LanguageModel = "clinic.lm" }.ResolvedLanguageModel);
    }
}
