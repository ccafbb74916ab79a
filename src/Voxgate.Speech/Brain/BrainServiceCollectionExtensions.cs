using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Voxgate.Speech.Brain;

/// <summary>Registers the brain: the <see cref="IChatClient"/> that turns what the caller said into a reply.</summary>
public static class BrainServiceCollectionExtensions
{
    // Local servers ignore the key, but the OpenAI client requires one.
    private const string NoApiKey = "no-key";

    /// <summary>
    /// Adds an <see cref="IChatClient"/> singleton configured from <c>Engine:Chat</c> (see <see cref="ChatBrainOptions"/>),
    /// with logging and OpenTelemetry but no function invocation: the realtime session decides when tools run.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration root holding the <c>Engine:Chat</c> section.</param>
    /// <param name="configureReceptionist">Changes the built-in receptionist's settings (business name, hours, clock).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddVoxgateBrain(
        this IServiceCollection services, IConfiguration configuration, Action<ReceptionistOptions>? configureReceptionist = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ChatBrainOptions>()
            .Bind(configuration.GetSection(ChatBrainOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        OptionsBuilder<ReceptionistOptions> receptionist = services.AddOptions<ReceptionistOptions>();
        if (configureReceptionist is not null)
        {
            receptionist.Configure(configureReceptionist);
        }

        services.AddChatClient(provider => new ChatClientBuilder(CreateInnerClient(provider))
            .UseLogging(provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)
            .UseOpenTelemetry()
            .Build(provider));
        return services;
    }

    /// <summary>Creates the inner client: the OpenAI-compatible endpoint when one is configured, else the receptionist.</summary>
    private static IChatClient CreateInnerClient(IServiceProvider services)
    {
        ChatBrainOptions options = services.GetRequiredService<IOptions<ChatBrainOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            return new ReceptionistChatClient(services.GetRequiredService<IOptions<ReceptionistOptions>>().Value);
        }

        var client = new OpenAI.Chat.ChatClient(
            options.Model,
            new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? NoApiKey : options.ApiKey),
            new OpenAIClientOptions { Endpoint = new Uri(options.Endpoint) });
        return client.AsIChatClient();
    }
}
