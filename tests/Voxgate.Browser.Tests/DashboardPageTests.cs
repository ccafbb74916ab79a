using System.Net.Http.Json;
using System.Text.Json;
using Voxgate.Browser.Tests.TestSupport;
using Voxgate.Server.Tests.Calls;

namespace Voxgate.Browser.Tests;

/// <summary>The dashboard in Debian's Chromium: calls recorded through the recorder API are listed, opened, played and scored.</summary>
public sealed class DashboardPageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_dashboard_lists_calls_opens_one_plays_its_recording_and_shows_its_scores()
    {
        await using CallsApiHost host = await CallsApiHost.StartAsync();
        string booking = CallSeeds.Booking(host.Recorder);
        string complaint = CallSeeds.Complaint(host.Recorder);
        await host.FlushAsync();
        await WaitForScoresAsync(host, booking, complaint);

        await using Chromium chromium = await Chromium.LaunchAsync();
        chromium.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                lock (chromium.Console)
                {
                    chromium.Console.Add($"http {response.Status}: {response.Url}");
                }
            }
        };
        await chromium.Page.GotoAsync(new Uri(host.Address, "/dashboard/").ToString());
        await chromium.UntilAsync("the calls list", "() => window.voxgateDashboard?.callsLoaded && window.voxgateDashboard.appointmentsLoaded", Wait);

        string[] outcomes = await chromium.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#calls tbody tr')].map(r => r.cells[2].textContent)");
        Assert.Equal(["information", "booked"], outcomes);
        string[] rows = await chromium.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#calls tbody tr')].map(r => r.dataset.id)");
        Assert.Equal([complaint, booking], rows);
        double complaintSentiment = double.Parse(await chromium.Page.EvaluateAsync<string>("() => document.querySelector('#calls tbody tr .sentiment').textContent"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(complaintSentiment, -1, -0.1);
        Assert.Equal(1, await chromium.Page.EvaluateAsync<int>("() => Chart.getChart('chart-calls').data.datasets[0].data.length"));
        await chromium.ScreenshotAsync("dashboard-calls.png");

        await chromium.Page.ClickAsync($"#calls tbody tr[data-id='{booking}']");
        await chromium.UntilAsync("the call's detail", $"() => window.voxgateDashboard.detailLoaded === '{booking}'", Wait);
        string[] transcript = await chromium.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#transcript li')].map(li => li.dataset.role + ': ' + li.textContent)");
        Assert.Equal(3, transcript.Length);
        Assert.Contains("GB-20261127-001", transcript[1], StringComparison.Ordinal);
        Assert.Equal("booked", await chromium.Page.TextContentAsync("#scores dd.outcome"));
        Assert.InRange(int.Parse((await chromium.Page.TextContentAsync("#scores dd.intent"))!, System.Globalization.CultureInfo.InvariantCulture), 65, 100);
        string evidence = (await chromium.Page.TextContentAsync("#evidence"))!;
        Assert.Contains("booking_made", evidence, StringComparison.Ordinal);
        Assert.Contains("sentiment", evidence, StringComparison.Ordinal);
        Assert.Equal(1, await chromium.Page.EvaluateAsync<int>("() => Chart.getChart('chart-latency').data.datasets.find(d => d.label === 'heard').data.filter(v => v != null).length"));

        // Clicking the agent's turn plays the recording from there, and the transcript follows the player.
        await chromium.Page.ClickAsync("#transcript li[data-role=agent]");
        await chromium.UntilAsync("the recording to play", "() => { const p = document.getElementById('player'); return !p.paused && p.currentTime > 0 && p.duration > 1; }", Wait);
        await chromium.UntilAsync("the transcript to follow the player", "() => document.querySelector('#transcript li.playing')?.dataset.role === 'agent'", Wait);
        await chromium.ScreenshotAsync("dashboard-call.png");
        Assert.DoesNotContain("page error", chromium.ConsoleText(), StringComparison.Ordinal);
    }

    private static async Task WaitForScoresAsync(CallsApiHost host, params string[] ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            JsonElement page = await host.Http.GetFromJsonAsync<JsonElement>("/api/calls");
            if (page.GetProperty("items").EnumerateArray().Count(c => c.GetProperty("analysisStatus").GetString() == "done") == ids.Length)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The seeded calls were never scored.");
    }
}
