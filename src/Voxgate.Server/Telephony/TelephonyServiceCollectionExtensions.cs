using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Voxgate.Server.Telephony.Telnyx;
using Voxgate.Server.Telephony.Twilio;

namespace Voxgate.Server.Telephony;

/// <summary>Registers and maps the phone carriers: Twilio (<c>/twilio/voice</c>, <c>/twilio/media</c>) and Telnyx (<c>/telnyx/media</c>).</summary>
internal static class TelephonyServiceCollectionExtensions
{
    public static IServiceCollection AddTelephony(this IServiceCollection services)
    {
        services.AddOptions<TelephonyOptions>().BindConfiguration(TelephonyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelephonyOptions>, TelephonyOptionsValidator>();
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName);
        services.AddOptions<TelnyxOptions>().BindConfiguration(TelnyxOptions.SectionName);
        services.AddSingleton<TwilioSignature>();
        services.AddSingleton<PhoneCalls>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static WebApplication MapTelephony(this WebApplication app)
    {
        app.MapTwilio();
        app.MapTelnyx();

        // Who may call is said once at start, so an open endpoint is never a surprise.
        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Voxgate.Telephony");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            bool unsigned = app.Services.GetRequiredService<IOptions<TelephonyOptions>>().Value.AllowUnsigned;
            Describe(logger, "Twilio", "Twilio:AuthToken", app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.AuthToken, unsigned);
            Describe(logger, "Telnyx", "Telnyx:StreamAuthToken", app.Services.GetRequiredService<IOptions<TelnyxOptions>>().Value.StreamAuthToken, unsigned);
        });
        return app;
    }

    private static void Describe(ILogger logger, string carrier, string setting, string? secret, bool allowUnsigned)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            TelephonyLog.Signed(logger, carrier, setting);
        }
        else if (allowUnsigned)
        {
            TelephonyLog.Unsigned(logger, carrier, setting);
        }
        else
        {
            TelephonyLog.Disabled(logger, carrier, setting);
        }
    }
}
