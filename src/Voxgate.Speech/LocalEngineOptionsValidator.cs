using Microsoft.Extensions.Options;

namespace Voxgate.Speech;

/// <summary>Checks what data annotations cannot: the voice is one the engine has.</summary>
public sealed class LocalEngineOptionsValidator : IValidateOptions<LocalEngineOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LocalEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return LocalEngineOptions.Voices.Contains(options.Voice)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Engine:Voice '{options.Voice}' is not a voice; use one of {string.Join(", ", LocalEngineOptions.Voices)}.");
    }
}
