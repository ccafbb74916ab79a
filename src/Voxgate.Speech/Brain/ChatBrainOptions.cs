using System.ComponentModel.DataAnnotations;

namespace Voxgate.Speech.Brain;

/// <summary>
/// Which brain answers the caller (configuration section <c>Engine:Chat</c>): an OpenAI-compatible chat
/// endpoint (Ollama, llama.cpp server, vLLM, OpenAI) when <see cref="Endpoint"/> is set, otherwise the
/// built-in offline <see cref="ReceptionistChatClient"/>.
/// </summary>
public sealed class ChatBrainOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Engine:Chat";

    /// <summary>
    /// The base URL (http or https) of an OpenAI-compatible API, including its version path, e.g. <c>http://localhost:11434/v1</c>;
    /// empty for the built-in receptionist.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>The model the endpoint serves.</summary>
    [Required]
    public string Model { get; set; } = "llama3.2";

    /// <summary>The API key, when the endpoint needs one; local servers usually don't.</summary>
    public string? ApiKey { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // Like [Url], but empty means "not set" so an environment variable can switch the endpoint off.
        if (!string.IsNullOrWhiteSpace(Endpoint)
            && !(Uri.TryCreate(Endpoint, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult($"Engine:Chat:Endpoint '{Endpoint}' is not an http or https URL.", [nameof(Endpoint)]);
        }
    }
}
