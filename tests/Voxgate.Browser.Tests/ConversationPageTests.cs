using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Voxgate.Browser.Tests.TestSupport;

namespace Voxgate.Browser.Tests;

/// <summary>The page in src/Voxgate.Server/wwwroot, driven in Chromium against a real Voxgate with the local engine.</summary>
public sealed class ConversationPageTests
{
    private static readonly TimeSpan Turn = TimeSpan.FromSeconds(40);

    // The conversation's entries (captions and tool lines), in order.
    private const string EntriesJs = "[...document.querySelectorAll('#log > li')]";

    [Fact]
    public async Task A_spoken_question_is_captioned_and_answered_aloud_and_talking_over_the_reply_flushes_it()
    {
        // The fake microphone: a question, then a second utterance 4.5 s after it ends: the ~7 s reply is playing
        // by then whenever the reply's latency is under ~4 s. Long silence after, before Chromium loops the file.
        string wav = await SpokenWav.WriteAsync(
            new(null, 1.0),
            new("what are your opening hours"),
            new(null, 4.5),
            new("thank you very much"),
            new(null, 40));
        try
        {
            await using var server = await TestServer.StartAsync();
            await using var chromium = await Chromium.LaunchAsync(wav);
            try
            {
                await chromium.Page.GotoAsync(server.Address.ToString());
                await chromium.Page.GetByRole(AriaRole.Button, new() { Name = "Start a conversation" }).ClickAsync();

                await chromium.UntilAsync("the session to be live", "window.voxgate.state === 'live'", TimeSpan.FromSeconds(15));
                await chromium.UntilAsync("the person's words in a final caption",
                    "[...document.querySelectorAll('[data-role=user][data-final=true]')].some(li => /opening hours/i.test(li.textContent))", Turn);
                await chromium.UntilAsync("the agent's reply in a caption",
                    "[...document.querySelectorAll('[data-role=assistant]')].some(li => /\\bopen/i.test(li.querySelector('.text').textContent))", Turn);
                await chromium.UntilAsync("a second of the reply played", "window.voxgate.stats.samplesPlayed >= 24000", Turn);
                await chromium.UntilAsync("the second utterance to flush the playing reply", "window.voxgate.stats.flushes >= 1", Turn);
                await chromium.UntilAsync("the agent's entry to be marked interrupted", "document.querySelector('[data-role=assistant][data-interrupted=true]') !== null", TimeSpan.FromSeconds(15));
                JsonElement flush = (await chromium.StatsAsync()).GetProperty("lastFlush");
                Assert.Equal("speech.started", flush.GetProperty("reason").GetString());

                // Typing works too, from the keyboard: once the second utterance has its reply, a typed question
                // gets its own answer (the time, said with AM or PM).
                await chromium.UntilAsync("the second utterance's reply to begin", $"{EntriesJs}.some((li, i, all) => li.dataset.role === 'user' && li.dataset.final === 'true' && i > 0 && all.slice(i).some(a => a.dataset.role === 'assistant') && all.slice(0, i).some(u => u.dataset.role === 'user'))", Turn);
                await chromium.Page.GetByLabel("Type a message to the agent").FillAsync("what time is it");
                await chromium.Page.Keyboard.PressAsync("Enter");
                await chromium.UntilAsync("the agent to answer the typed question", $"(all => all.slice(all.findIndex(li => li.dataset.typed === 'true')).some(li => li.dataset.role === 'assistant' && /\\b([AP]M|noon|midnight)\\b/.test(li.textContent)))({EntriesJs})", Turn);

                JsonElement stats = await chromium.StatsAsync();
                string diagnostics = await PageWaits.DescribeAsync(chromium);
                Assert.True(stats.GetProperty("framesSent").GetInt32() > 100, diagnostics);
                // A reply prepared before the silence window closed starts as the window ends: 0 ms is a measurement too.
                Assert.Equal(JsonValueKind.Number, stats.GetProperty("lastLatencyMs").ValueKind);
                Assert.True(stats.GetProperty("lastLatencyMs").GetDouble() >= 0, diagnostics);
                string latency = await chromium.Page.Locator("#latency").InnerTextAsync();
                Assert.Matches(@"\d+(\.\d+)? m?s", latency);
                Assert.DoesNotContain("page error", chromium.ConsoleText(), StringComparison.Ordinal);
                await chromium.ScreenshotAsync("browser.png");

                // The call just made is on the dashboard: leaving the page hangs up; once its recording is written, the
                // dashboard lists it, opens it and can play it.
                await chromium.Page.GotoAsync("about:blank");
                await WaitForRecordingAsync(server.Address);
                await chromium.Page.GotoAsync(new Uri(server.Address, "/dashboard/").ToString());
                await chromium.UntilAsync("the call on the dashboard", "() => window.voxgateDashboard?.callsLoaded && document.querySelectorAll('#calls tbody tr').length === 1", Turn);
                await chromium.Page.ClickAsync("#calls tbody tr");
                await chromium.UntilAsync("the call's transcript", "() => [...document.querySelectorAll('#transcript li')].some(li => /opening hours/i.test(li.textContent))", Turn);
                await chromium.UntilAsync("the call's recording", "() => { const p = document.getElementById('player'); return p.readyState >= 1 && p.duration > 5; }", Turn);
                string[] roles = await chromium.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#transcript li')].map(li => li.dataset.role)");
                Assert.Contains("caller", roles);
                Assert.Contains("agent", roles);
                Assert.DoesNotContain("page error", chromium.ConsoleText(), StringComparison.Ordinal);
            }
            finally
            {
                await chromium.ScreenshotAsync("browser-last.png");
            }
        }
        finally
        {
            File.Delete(wav);
        }
    }

    [Fact]
    public async Task A_server_at_capacity_is_reported_as_busy_in_plain_words()
    {
        await using var server = await TestServer.StartAsync("--Gateway:MaxSessions=1");
        using var holder = new ClientWebSocket();
        await holder.ConnectAsync(server.WebSocketAddress, CancellationToken.None);
        await ReceiveTextAsync(holder, "session.ready");

        await using var chromium = await Chromium.LaunchAsync();
        await chromium.Page.GotoAsync(server.Address.ToString());
        await chromium.Page.GetByRole(AriaRole.Button, new() { Name = "Start a conversation" }).ClickAsync();

        await chromium.UntilAsync("the busy message", "/busy/i.test(document.getElementById('error-text').textContent)", TimeSpan.FromSeconds(15));
        Assert.Equal("error", await chromium.Page.EvaluateAsync<string>("() => window.voxgate.state"));
        Assert.Equal("Start", await chromium.Page.Locator("#start-label").InnerTextAsync());
        await holder.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    private static async Task WaitForRecordingAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server };
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            JsonElement calls = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/calls", UriKind.Relative))).RootElement;
            if (calls.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("hasRecording").GetBoolean()))
            {
                return;
            }
        }

        Assert.Fail("The call's recording was never written.");
    }

    private static async Task ReceiveTextAsync(ClientWebSocket socket, string type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                Assert.Fail($"closed {result.CloseStatus} before {type}");
            }

            if (result.MessageType == WebSocketMessageType.Text && Encoding.UTF8.GetString(buffer, 0, result.Count).Contains($"\"{type}\"", StringComparison.Ordinal))
            {
                return;
            }
        }
    }
}
