using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Tests.TestSupport;

namespace Voxgate.Calls.Tests;

/// <summary>Wrong settings stop the start with a message naming them; recordings expire on time.</summary>
public sealed class CallsServiceCollectionExtensionsTests
{
    [Theory]
    [InlineData("Clinic:Hours:Monday", "9-5", "Clinic:Hours:Monday '9-5' is not 'HH:mm-HH:mm' or 'closed'")]
    [InlineData("Clinic:Hours:Funday", "09:00-17:00", "Clinic:Hours:Funday is not a day of the week")]
    [InlineData("Clinic:Hours:Tuesday", "09:00-09:10", "shorter than one 30-minute slot")]
    [InlineData("Clinic:TimeZone", "Mars/Olympus_Mons", "Clinic:TimeZone 'Mars/Olympus_Mons' is not a time zone")]
    [InlineData("Clinic:SlotMinutes", "1", "SlotMinutes")]
    [InlineData("Recording:RetentionDays", "-1", "RetentionDays")]
    [InlineData("Store:ConnectionString", "Host=x;=broken", "Store:ConnectionString is not a connection string")]
    [InlineData("Analytics:LexiconPath", "/nonexistent/lexicon.txt", "VADER's lexicon is missing")]
    public async Task A_wrong_setting_stops_the_start_naming_it(string key, string value, string message)
    {
        string db = "Data Source=" + Path.Combine(Path.GetTempPath(), $"voxgate-{Guid.NewGuid():N}.db");
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => CallsHost.StartAsync(db, settings: new Dictionary<string, string?> { [key] = value }, analysis: false));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recordings_older_than_the_retention_are_deleted_and_the_record_stays()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero));
        await using CallsHost host = await CallsHost.StartAsync(
            "Data Source=" + Path.Combine(Path.GetTempPath(), $"voxgate-{Guid.NewGuid():N}.db"), time,
            settings: new Dictionary<string, string?> { ["Recording:RetentionDays"] = "30" }, analysis: false);
        ICallRecording old = host.Recorder.Begin(new CallStart("browser", "local"));
        old.CallerAudio(Tone.Pcm16(440, 100));
        old.End("client_closed");
        time.Advance(TimeSpan.FromDays(20));
        ICallRecording recent = host.Recorder.Begin(new CallStart("browser", "local"));
        recent.CallerAudio(Tone.Pcm16(440, 100));
        recent.End("client_closed");
        await host.FlushAsync();
        time.Advance(TimeSpan.FromDays(11));

        var retention = (RecordingRetention)host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single(s => s is RecordingRetention);
        Assert.Equal(1, await retention.SweepAsync(CancellationToken.None));
        Assert.False((await host.Store.GetCallAsync(old.CallId, CancellationToken.None))!.Call.HasRecording);
        Assert.False(File.Exists(Path.Combine(host.Folder, "recordings", old.CallId + ".wav")));
        Assert.True(File.Exists(Path.Combine(host.Folder, "recordings", recent.CallId + ".wav")));
        Assert.True((await host.Store.GetCallAsync(recent.CallId, CancellationToken.None))!.Call.HasRecording);
    }
}
