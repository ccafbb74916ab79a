using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Voxgate.Calls.Recording;
using Voxgate.Server.Calls;
using Voxgate.Server.Tests.Hosting;

namespace Voxgate.Server.Tests.Calls;

/// <summary>The calls API over HTTP: content, recordings, deletion, re-scoring, and a clear 4xx for every malformed request.</summary>
public sealed class CallsEndpointsTests
{
    [Fact]
    public async Task Calls_are_listed_with_their_scores_and_one_call_has_turns_tools_latency_and_analysis()
    {
        await using CallsApiHost host = await CallsApiHost.StartAsync();
        string booking = CallSeeds.Booking(host.Recorder);
        string complaint = CallSeeds.Complaint(host.Recorder);
        await host.FlushAsync();
        JsonElement list = await WaitAsync(host, "/api/calls", l => l.GetProperty("items").EnumerateArray().All(c => c.GetProperty("analysisStatus").GetString() == "done"));

        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal([complaint, booking], list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        JsonElement booked = list.GetProperty("items")[1];
        Assert.Equal(("booked", true), (booked.GetProperty("outcome").GetString(), booked.GetProperty("hasRecording").GetBoolean()));
        Assert.InRange(booked.GetProperty("intent").GetInt32(), 65, 100);
        Assert.InRange(list.GetProperty("items")[0].GetProperty("sentiment").GetDouble(), -1, -0.1);

        JsonElement filtered = await GetJsonAsync(host, "/api/calls?outcome=booked&minIntent=65&minSentiment=0.1&from=2000-01-01&pageSize=10");
        Assert.Equal(booking, Assert.Single(filtered.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        JsonElement detail = await GetJsonAsync(host, $"/api/calls/{booking}");
        Assert.Equal(["caller", "agent", "caller"], detail.GetProperty("turns").EnumerateArray().Select(t => t.GetProperty("role").GetString()));
        JsonElement latency = detail.GetProperty("turns")[1].GetProperty("latency");
        Assert.Equal(JsonValueKind.Number, latency.GetProperty("sentMs").ValueKind);
        Assert.Equal("GB-20261127-001", detail.GetProperty("tools")[0].GetProperty("result").GetProperty("reference").GetString());
        Assert.Equal("test-agent", detail.GetProperty("caller").GetProperty("userAgent").GetString());
        Assert.Contains(detail.GetProperty("analysis").GetProperty("evidence").EnumerateArray(), e => e.GetProperty("signal").GetString() == "booking_made");
        Assert.Equal("client_closed", detail.GetProperty("call").GetProperty("endReason").GetString());
    }

    [Fact]
    public async Task The_recording_is_served_as_a_stereo_wav_with_ranges_and_deleting_a_call_removes_record_and_file()
    {
        await using CallsApiHost host = await CallsApiHost.StartAsync();
        string id = CallSeeds.Booking(host.Recorder);
        await host.FlushAsync();

        using HttpResponseMessage wav = await host.Http.GetAsync($"/api/calls/{id}/recording");
        Assert.Equal(HttpStatusCode.OK, wav.StatusCode);
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType!.MediaType);
        byte[] bytes = await wav.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(2, BitConverter.ToInt16(bytes, 22));

        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/calls/{id}/recording");
        range.Headers.Range = new RangeHeaderValue(0, 43);
        using HttpResponseMessage partial = await host.Http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(44, (await partial.Content.ReadAsByteArrayAsync()).Length);

        string file = Path.Combine(host.Folder, "recordings", id + ".wav");
        Assert.True(File.Exists(file));
        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteAsync($"/api/calls/{id}")).StatusCode);
        Assert.False(File.Exists(file));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/api/calls/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync($"/api/calls/{id}/recording")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.DeleteAsync($"/api/calls/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_rescore_queues_the_call_again_and_it_is_scored_again()
    {
        await using CallsApiHost host = await CallsApiHost.StartAsync();
        string id = CallSeeds.Complaint(host.Recorder);
        await host.FlushAsync();
        JsonElement first = await WaitAsync(host, $"/api/calls/{id}", d => d.GetProperty("analysis").GetProperty("status").GetString() == "done");

        using HttpResponseMessage accepted = await host.Http.PostAsync($"/api/calls/{id}/rescore", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("pending", JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        JsonElement again = await WaitAsync(host, $"/api/calls/{id}", d => d.GetProperty("analysis").GetProperty("status").GetString() == "done"
            && d.GetProperty("analysis").GetProperty("scoredAt").GetString() != first.GetProperty("analysis").GetProperty("scoredAt").GetString());
        Assert.Equal(first.GetProperty("analysis").GetProperty("sentiment").GetDouble(), again.GetProperty("analysis").GetProperty("sentiment").GetDouble());
    }

    [Theory]
    [InlineData("/api/calls?from=yesterday", "'from' must be a date")]
    [InlineData("/api/calls?to=2026-13-45", "'to' must be a date")]
    [InlineData("/api/calls?outcome=happy", "'outcome' must be one of booked, rescheduled, cancelled, information, abandoned")]
    [InlineData("/api/calls?minSentiment=2", "'minSentiment' must be a number from -1 to 1")]
    [InlineData("/api/calls?maxSentiment=abc", "'maxSentiment' must be a number")]
    [InlineData("/api/calls?minIntent=101", "'minIntent' must be a whole number from 0 to 100")]
    [InlineData("/api/calls?maxIntent=50.5", "'maxIntent' must be a whole number")]
    [InlineData("/api/calls?page=0", "'page' must be a whole number from 1")]
    [InlineData("/api/calls?pageSize=5000", "'pageSize' must be a whole number from 1 to 500")]
    [InlineData("/api/calls/bad%20id!", "is not a call id")]
    [InlineData("/api/calls/bad%20id!/recording", "is not a call id")]
    [InlineData("/api/appointments?from=27-11-2026", "'from' must be a date as YYYY-MM-DD")]
    [InlineData("/api/appointments?from=2026-11-27&to=2026-11-01", "'to' must be on or after 'from'")]
    public async Task Malformed_requests_get_a_400_that_says_what_is_wrong(string path, string message)
    {
        await using CallsApiHost host = await CallsApiHost.StartAsync();
        using HttpResponseMessage response = await host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(message, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_calls_get_404_and_bad_ids_400_on_every_verb()
    {
        await using CallsApiHost host = await CallsApiHost.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/api/calls/call_missing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync("/api/calls/call_missing/rescore", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.DeleteAsync("/api/calls/call_missing")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.DeleteAsync("/api/calls/" + new string('x', 65))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.PostAsync("/api/calls/a.b/rescore", null)).StatusCode);
    }

    [Fact]
    public async Task Appointments_list_the_clinics_bookings_from_today()
    {
        await using CallsApiHost host = await CallsApiHost.StartAsync(new Dictionary<string, string?> { ["Clinic:Name"] = "Test Clinic" });
        var book = (Voxgate.Calls.Appointments.AppointmentBook)host.Services.GetService(typeof(Voxgate.Calls.Appointments.AppointmentBook))!;
        DateOnly day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        while (book.Schedule.SlotsOn(day).Count == 0)
        {
            day = day.AddDays(1);
        }

        var booked = await book.BookAsync(day, book.Schedule.SlotsOn(day)[0], "Ada", "+441234", "check up", null, CancellationToken.None);
        JsonElement page = await GetJsonAsync(host, "/api/appointments");
        Assert.Equal(("Test Clinic", "UTC"), (page.GetProperty("clinic").GetString(), page.GetProperty("timeZone").GetString()));
        JsonElement item = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal((booked.Appointment!.Reference, "Ada", "booked"), (item.GetProperty("reference").GetString(), item.GetProperty("name").GetString(), item.GetProperty("status").GetString()));
        Assert.Empty((await GetJsonAsync(host, $"/api/appointments?from={day.AddDays(1):yyyy-MM-dd}&to={day.AddDays(2):yyyy-MM-dd}")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task With_admin_tokens_the_api_wants_one_of_them()
    {
        await using CallsApiHost host = await CallsApiHost.StartAsync(new Dictionary<string, string?> { ["Dashboard:AdminTokens:0"] = "s3cret" });
        using HttpResponseMessage none = await host.Http.GetAsync("/api/calls");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/calls") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "guess") } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.SendAsync(wrong)).StatusCode);
        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/calls") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret") } };
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SendAsync(right)).StatusCode);

        // The page itself holds no data and is served to anyone; it asks for the token.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync("/dashboard/")).StatusCode);
    }

    [Fact]
    public async Task Without_admin_tokens_only_loopback_is_answered()
    {
        var access = new DashboardAccess(Options.Create(new DashboardOptions()));
        var remote = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Parse("192.0.2.10") } };
        object? refused = await access.InvokeAsync(new DefaultEndpointFilterInvocationContext(remote), _ => ValueTask.FromResult<object?>("passed"));
        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(refused).StatusCode);

        var local = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.IPv6Loopback } };
        Assert.Equal("passed", await access.InvokeAsync(new DefaultEndpointFilterInvocationContext(local), _ => ValueTask.FromResult<object?>("passed")));

        // Through a proxy on this machine every request looks local; a forwarded one is not taken for local.
        var proxied = new DefaultHttpContext { Connection = { RemoteIpAddress = IPAddress.Loopback } };
        proxied.Request.Headers["X-Forwarded-For"] = "198.51.100.4";
        object? viaProxy = await access.InvokeAsync(new DefaultEndpointFilterInvocationContext(proxied), _ => ValueTask.FromResult<object?>("passed"));
        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(viaProxy).StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_calls_api()
    {
        await using CallsApiHost host = await CallsApiHost.StartAsync();
        JsonElement document = await GetJsonAsync(host, "/openapi/v1.json");
        JsonElement paths = document.GetProperty("paths");
        foreach (string path in (string[])["/api/calls", "/api/calls/{id}", "/api/calls/{id}/recording", "/api/calls/{id}/rescore", "/api/appointments"])
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.True(paths.GetProperty("/api/calls/{id}").TryGetProperty("delete", out _));
    }

    [Fact]
    public async Task The_voxgate_host_serves_the_calls_api_and_the_dashboard()
    {
        await using TestServer server = await TestServer.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/api/calls")).StatusCode);
        string page = await server.Http.GetStringAsync("/dashboard/");
        Assert.Contains("Voxgate calls", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/dashboard/vendor/chart.umd.min.js")).StatusCode);
        Assert.NotNull(server.Services.GetService(typeof(CallRecorder)));
    }

    private static async Task<JsonElement> GetJsonAsync(CallsApiHost host, string path)
    {
        using HttpResponseMessage response = await host.Http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> WaitAsync(CallsApiHost host, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            last = await GetJsonAsync(host, path);
            if (done(last))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"{path} never got there: {last}");
    }
}
