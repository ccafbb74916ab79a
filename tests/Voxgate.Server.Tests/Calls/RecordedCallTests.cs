using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Voxgate.Audio;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Tests.TestSupport;
using Voxgate.Server.Tests.Gateway;
using Voxgate.Server.Tests.Hosting;
using Voxgate.Server.Tests.TestSupport;

namespace Voxgate.Server.Tests.Calls;

/// <summary>Real calls through <c>/ws</c> with the local engine become complete records and recordings, in either store.</summary>
[Collection(PostgresTests.Name)]
public sealed class RecordedCallTests(PostgresServer postgres)
{
    private static string TypeOf(JsonObject e) => (string)e["type"]!;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_spoken_call_is_recorded_turn_by_turn_with_latency_and_a_stereo_recording(string store)
    {
        string[] settings = store == "postgres" ? [$"--Store:ConnectionString={await postgres.CreateDatabaseAsync()}"] : [];
        await using TestServer server = await TestServer.StartAsync(settings);
        await using GatewayClient page = await GatewayClient.ConnectAsync(server.Address, configure: o => o.SetRequestHeader("User-Agent", "RecordedCallTests/1.0"));
        string callId = (string)(await page.WaitForTypeAsync("session.ready"))["session_id"]!;

        await page.SendSilenceAsync(300);
        await page.SendAudioAsync(await TestSpeech.Pcm16Async("what are your opening hours"));
        JsonObject done = await page.SilenceUntilAsync(e => TypeOf(e) == "response.done");
        string itemId = (string)page.Find(e => TypeOf(e) == "audio.started")!["item_id"]!;

        // The page reports what it played: the record's "heard" latency comes from these.
        await page.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = itemId, ["played_ms"] = 200 });
        await page.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = itemId, ["played_ms"] = (long)done["audio_ms"]! });
        await page.SendSilenceAsync(200);
        await page.CloseAsync();

        JsonElement record = await WaitForAsync(server, callId, r => r.GetProperty("call").GetProperty("hasRecording").GetBoolean());
        JsonElement call = record.GetProperty("call");
        Assert.Equal("browser", call.GetProperty("transport").GetString());
        Assert.Equal("local", call.GetProperty("upstreamKind").GetString());
        Assert.Equal("client_closed", call.GetProperty("endReason").GetString());
        Assert.Equal(1000, call.GetProperty("closeCode").GetInt32());
        Assert.Equal("RecordedCallTests/1.0", record.GetProperty("caller").GetProperty("userAgent").GetString());
        Assert.Equal(32, record.GetProperty("caller").GetProperty("ipHash").GetString()!.Length);

        JsonElement[] turns = [.. record.GetProperty("turns").EnumerateArray()];
        JsonElement caller = Assert.Single(turns, t => t.GetProperty("role").GetString() == "caller");
        Assert.Contains("opening hours", caller.GetProperty("text").GetString(), StringComparison.Ordinal);
        JsonElement agent = Assert.Single(turns, t => t.GetProperty("role").GetString() == "agent");
        Assert.Contains("open", agent.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(itemId, agent.GetProperty("itemId").GetString());
        Assert.False(agent.GetProperty("interrupted").GetBoolean());
        JsonElement latency = agent.GetProperty("latency");
        long sent = latency.GetProperty("sentMs").GetInt64();
        long heard = latency.GetProperty("heardMs").GetInt64();
        Assert.InRange(latency.GetProperty("transcriptMs").GetInt64(), 0, sent);
        Assert.InRange(sent, 0, 10_000);
        Assert.InRange(heard, sent, sent + 10_000);
        Assert.True(record.GetProperty("usage").GetProperty("totalTokens").GetInt64() > 0);

        // The recording: caller left, agent right, both with sound where they spoke.
        using HttpResponseMessage wav = await server.Http.GetAsync(new Uri($"/api/calls/{callId}/recording", UriKind.Relative));
        wav.EnsureSuccessStatusCode();
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, await wav.Content.ReadAsByteArrayAsync());
            AudioClip clip = WavFile.Read(file);
            Assert.Equal(2, clip.Channels);
            Assert.Equal(24000, clip.SampleRate);
            float[] left = [.. clip.Samples.Where((_, i) => i % 2 == 0)];
            float[] right = [.. clip.Samples.Where((_, i) => i % 2 == 1)];
            Assert.True(LevelMeter.Measure(left).PeakDbfs > -20, "the caller's channel is silent");
            Assert.True(LevelMeter.Measure(right).PeakDbfs > -20, "the agent's channel is silent");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_barge_in_is_recorded_as_an_interrupted_agent_turn_cut_where_it_was_heard()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using GatewayClient page = await GatewayClient.ConnectAsync(server.Address);
        string callId = (string)(await page.WaitForTypeAsync("session.ready"))["session_id"]!;

        await page.SendSilenceAsync(300);
        await page.SendAudioAsync(await TestSpeech.Pcm16Async("what are your opening hours"));
        JsonObject started = await page.SilenceUntilAsync(e => TypeOf(e) == "audio.started");
        string itemId = (string)started["item_id"]!;
        await page.SilenceUntilAsync(_ => page.Audio.Length >= 48 * 1000);
        await page.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = itemId, ["played_ms"] = 400 });
        await page.SendAudioAsync(await TestSpeech.Pcm16Async("thank you very much"));
        JsonObject interrupted = await page.SilenceUntilAsync(e => TypeOf(e) == "interrupted");
        await page.SilenceUntilAsync(e => TypeOf(e) == "response.done", from: page.Received.ToList().FindIndex(r => r.Event == interrupted) + 1);
        await page.CloseAsync();

        JsonElement record = await WaitForAsync(server, callId, r => r.GetProperty("call").GetProperty("endedAt").ValueKind != JsonValueKind.Null);
        JsonElement agent = record.GetProperty("turns").EnumerateArray().First(t => t.GetProperty("itemId").GetString() == itemId);
        Assert.True(agent.GetProperty("interrupted").GetBoolean());
        Assert.Equal((long)interrupted["played_ms"]!, agent.GetProperty("cutOffMs").GetInt64());
    }

    [Fact]
    public async Task A_killed_server_keeps_the_finished_turns_and_the_next_start_closes_the_call_as_interrupted()
    {
        string data = Directory.CreateTempSubdirectory("voxgate-kill-").FullName;
        try
        {
            string[] store = [$"--Store:SqlitePath={data}/voxgate.db", $"--Recording:Folder={data}/recordings", "--Store:InstanceId=kill-test"];
            string callId;
            await using (VoxgateProcess first = await VoxgateProcess.StartAsync(store))
            {
                await using GatewayClient page = await GatewayClient.ConnectAsync(first.Address);
                callId = (string)(await page.WaitForTypeAsync("session.ready"))["session_id"]!;
                await page.SendSilenceAsync(300);
                await page.SendAudioAsync(await TestSpeech.Pcm16Async("what are your opening hours"));
                await page.SilenceUntilAsync(e => TypeOf(e) == "response.done");

                // Give the writer its moment to put the finished turns on disk, then die mid-call, as a crash does.
                await Task.Delay(500);
                first.Kill();
            }

            await using TestServer second = await TestServer.StartAsync(store);
            JsonElement record = await WaitForAsync(second, callId, r => r.GetProperty("call").GetProperty("endReason").ValueKind == JsonValueKind.String);
            Assert.Equal("interrupted", record.GetProperty("call").GetProperty("endReason").GetString());
            JsonElement[] turns = [.. record.GetProperty("turns").EnumerateArray()];
            Assert.Contains(turns, t => t.GetProperty("role").GetString() == "caller" && t.GetProperty("text").GetString()!.Contains("opening hours", StringComparison.Ordinal));
            Assert.Contains(turns, t => t.GetProperty("role").GetString() == "agent" && t.GetProperty("text").GetString()!.Length > 0);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // A recording still being finished: clean-up must not hide what the test found.
            }
        }
    }

    [Fact]
    public async Task Every_call_is_offered_the_appointment_tools_and_the_record_keeps_their_calls()
    {
        await using TestServer server = await TestServer.StartAsync();
        await using GatewayClient page = await GatewayClient.ConnectAsync(server.Address);
        string callId = (string)(await page.WaitForTypeAsync("session.ready"))["session_id"]!;
        CallRecorder recorder = server.Services.GetRequiredService<CallRecorder>();
        Assert.Equal(1, recorder.OpenCalls);

        await page.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = "Is Friday at ten thirty free?" });
        JsonObject called = await page.WaitForAsync(e => TypeOf(e) == "tool" && (string?)e["status"] == "called", timeout: TimeSpan.FromSeconds(60));
        await page.WaitForAsync(e => TypeOf(e) == "response.done" && page.Find(t => TypeOf(t) == "tool" && (string?)t["status"] == "completed") is not null, timeout: TimeSpan.FromSeconds(60));
        await page.CloseAsync();

        Assert.Equal("check_availability", (string?)called["name"]);
        JsonElement record = await WaitForAsync(server, callId, r => r.GetProperty("call").GetProperty("endedAt").ValueKind != JsonValueKind.Null);
        JsonElement tool = record.GetProperty("tools").EnumerateArray().First();
        Assert.Equal("check_availability", tool.GetProperty("name").GetString());
        Assert.True(tool.GetProperty("result").GetProperty("available").GetBoolean());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_booking_on_the_page_gets_its_GB_reference_read_back_and_the_next_caller_cannot_have_that_slot(string store)
    {
        string[] settings = store == "postgres" ? [$"--Store:ConnectionString={await postgres.CreateDatabaseAsync()}"] : [];
        await using TestServer server = await TestServer.StartAsync(settings);
        DateOnly day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        string weekday = day.DayOfWeek.ToString().ToLowerInvariant();
        string reference;
        string firstCall;
        await using (GatewayClient page = await GatewayClient.ConnectAsync(server.Address))
        {
            firstCall = (string)(await page.WaitForTypeAsync("session.ready"))["session_id"]!;
            await page.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = $"i'd like to book an appointment on {weekday} at 10 am my name is sam lee" });
            JsonObject checkedSlot = await page.WaitForAsync(e => TypeOf(e) == "tool" && (string?)e["name"] == "check_availability" && (string?)e["status"] == "completed", timeout: TimeSpan.FromSeconds(60));
            Assert.True(JsonNode.Parse((string)checkedSlot["result"]!)!["available"]!.GetValue<bool>());
            JsonObject question = await page.WaitForAsync(e => TypeOf(e) == "transcript" && (string?)e["role"] == "assistant");
            Assert.Contains("Shall I book it for Sam Lee, spelled L E E?", (string)question["text"]!, StringComparison.Ordinal);
            JsonObject asked = await page.WaitForAsync(e => TypeOf(e) == "response.done" && (long?)e["audio_ms"] > 0);

            // The question was heard to its end; the caller says yes.
            await page.SendJsonAsync(new JsonObject { ["type"] = "playback", ["item_id"] = (string?)question["item_id"], ["played_ms"] = (long)asked["audio_ms"]! });
            int from = page.Received.Count;
            await page.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = "yes please" });
            JsonObject booked = await page.WaitForAsync(e => TypeOf(e) == "tool" && (string?)e["name"] == "book_appointment" && (string?)e["status"] == "completed", from, TimeSpan.FromSeconds(60));
            JsonNode result = JsonNode.Parse((string)booked["result"]!)!;
            Assert.True(result["booked"]!.GetValue<bool>());
            reference = (string)result["reference"]!;
            Assert.Matches($"^GB-{day:yyyyMMdd}-\\d{{3}}$", reference);
            Assert.Equal("10:00", (string?)result["time"]);

            // Read back as a listener writes it down: "G B, 2 0 2 6 …, 0 0 1".
            JsonObject confirmation = await page.WaitForAsync(e => TypeOf(e) == "transcript" && (string?)e["role"] == "assistant", from);
            string spokenDigits = string.Join(' ', reference[^3..].ToCharArray());
            Assert.Contains("G B", (string)confirmation["text"]!, StringComparison.Ordinal);
            Assert.Contains(spokenDigits, (string)confirmation["text"]!, StringComparison.Ordinal);
            await page.WaitForTypeAsync("response.done", from);
            await page.CloseAsync();
        }

        // The next caller asks for the same slot: it is taken, other times that day are offered, nothing is booked.
        await using (GatewayClient page = await GatewayClient.ConnectAsync(server.Address))
        {
            await page.WaitForTypeAsync("session.ready");
            await page.SendJsonAsync(new JsonObject { ["type"] = "text", ["text"] = $"i'd like to book an appointment on {weekday} at 10 am my name is ann clark" });
            JsonObject checkedSlot = await page.WaitForAsync(e => TypeOf(e) == "tool" && (string?)e["name"] == "check_availability" && (string?)e["status"] == "completed", timeout: TimeSpan.FromSeconds(60));
            JsonNode result = JsonNode.Parse((string)checkedSlot["result"]!)!;
            Assert.False(result["available"]!.GetValue<bool>());
            Assert.NotEmpty(result["alternatives"]!.AsArray());
            JsonObject answer = await page.WaitForAsync(e => TypeOf(e) == "transcript" && (string?)e["role"] == "assistant");
            Assert.DoesNotContain("G B", (string)answer["text"]!, StringComparison.Ordinal);
            await page.WaitForTypeAsync("response.done");
            Assert.Null(page.Find(e => TypeOf(e) == "tool" && (string?)e["name"] == "book_appointment"));
            await page.CloseAsync();
        }

        // The book holds the one booking, under the first call, and that call's record keeps the tool and its result.
        using JsonDocument book = JsonDocument.Parse(await server.Http.GetStringAsync(new Uri($"/api/appointments?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", UriKind.Relative)));
        JsonElement[] appointments = [.. book.RootElement.GetProperty("items").EnumerateArray()];
        JsonElement only = Assert.Single(appointments);
        Assert.Equal(reference, only.GetProperty("reference").GetString());
        Assert.Equal("Sam Lee", only.GetProperty("name").GetString());
        JsonElement record = await WaitForAsync(server, firstCall, r => r.GetProperty("call").GetProperty("endedAt").ValueKind != JsonValueKind.Null);
        Assert.Contains(record.GetProperty("tools").EnumerateArray(), t => t.GetProperty("name").GetString() == "book_appointment" && t.GetProperty("result").GetProperty("reference").GetString() == reference);
    }

    /// <summary>Polls the calls API until the record satisfies <paramref name="ready"/>.</summary>
    private static async Task<JsonElement> WaitForAsync(TestServer server, string callId, Func<JsonElement, bool> ready)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            using HttpResponseMessage response = await server.Http.GetAsync(new Uri($"/api/calls/{callId}", UriKind.Relative));
            if (response.IsSuccessStatusCode)
            {
                last = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (ready(last))
                {
                    return last;
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"The record of {callId} never got ready: {last}");
    }
}
