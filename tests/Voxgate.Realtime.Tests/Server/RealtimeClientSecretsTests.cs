using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Voxgate.Realtime.Server;

namespace Voxgate.Realtime.Tests.Server;

public sealed class RealtimeClientSecretsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static RealtimeClientSecrets Secrets(ManualTime time, string? key = "a shared signing key for tests")
        => new(Options.Create(new RealtimeApiOptions { ClientSecretSigningKey = key }), time);

    [Fact]
    public void A_secret_carries_its_session_and_holds_until_it_expires()
    {
        var time = new ManualTime(Start);
        RealtimeClientSecrets secrets = Secrets(time);
        (string value, DateTimeOffset expires) = secrets.Issue(new JsonObject { ["type"] = "realtime", ["instructions"] = "Be brief." }, TimeSpan.FromSeconds(60));
        Assert.StartsWith("ek_", value, StringComparison.Ordinal);
        Assert.Equal(Start.AddSeconds(60), expires);

        Assert.True(secrets.TryValidate(value, out JsonObject? session));
        Assert.Equal("Be brief.", (string?)session!["instructions"]);

        time.Now = Start.AddSeconds(60);
        Assert.True(secrets.TryValidate(value, out _));
        time.Now = Start.AddSeconds(61);
        Assert.False(secrets.TryValidate(value, out _));
    }

    [Fact]
    public void Instances_that_share_the_key_accept_each_others_secrets_and_no_one_else_does()
    {
        var time = new ManualTime(Start);
        (string value, _) = Secrets(time).Issue(null, TimeSpan.FromMinutes(10));

        Assert.True(Secrets(time).TryValidate(value, out JsonObject? none));
        Assert.Null(none);
        Assert.False(Secrets(time, "another signing key, elsewhere").TryValidate(value, out _));
        Assert.False(Secrets(time, key: null).TryValidate(value, out _));
    }

    [Theory]
    [InlineData("tamper")]
    [InlineData("mac")]
    [InlineData("shape")]
    public void A_changed_or_malformed_secret_is_refused(string how)
    {
        var time = new ManualTime(Start);
        RealtimeClientSecrets secrets = Secrets(time);
        (string value, _) = secrets.Issue(new JsonObject { ["type"] = "realtime" }, TimeSpan.FromMinutes(10));
        int dot = value.LastIndexOf('.');
        string changed = how switch
        {
            // A longer life, re-encoded, with the old signature.
            "tamper" => "ek_" + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes("""{"exp":9999999999}""")) + value[dot..],
            "mac" => value[..^2] + (value[^2] == 'A' ? "BB" : "AA"),
            _ => "ek_nothing-here",
        };
        Assert.False(secrets.TryValidate(changed, out _));
        Assert.False(secrets.TryValidate("sk_" + value[3..], out _));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
