using System.Text.Json;
using Microsoft.Extensions.AI;
using Voxgate.Calls.Appointments;
using Voxgate.Calls.Tests.TestSupport;

namespace Voxgate.Calls.Tests.Appointments;

/// <summary>Many callers at once: one slot has one winner, and no two bookings share a reference.</summary>
[Collection(PostgresTests.Name)]
public sealed class ConcurrentBookingTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Forty_sessions_booking_one_slot_at_once_make_exactly_one_booking(string provider)
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        await using CallsHost host = await CallsHost.StartAsync(await CallsHost.NewStoreAsync(provider, postgres, folder), new ManualTime(Now), folder: folder, analysis: false);
        JsonElement[] results = await BookAllAsync(Enumerable.Range(0, 40).Select(i => (host.Tools, "2026-11-27", "11:00", $"Caller {i}")));

        Assert.Single(results, r => r.GetProperty("booked").GetBoolean());
        Assert.All(results.Where(r => !r.GetProperty("booked").GetBoolean()), r => Assert.Equal("slot_taken", r.GetProperty("error").GetString()));
        Assert.Equal("GB-20261127-001", Assert.Single(await host.Book.ListAsync(new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 27), CancellationToken.None)).Reference);
    }

    [Fact]
    public async Task Two_instances_on_one_PostgreSQL_never_double_book_and_never_reuse_a_reference()
    {
        string store = await postgres.CreateDatabaseAsync();
        await using CallsHost first = await CallsHost.StartAsync(store, new ManualTime(Now), analysis: false, settings: new Dictionary<string, string?> { ["Store:InstanceId"] = "a" });
        await using CallsHost second = await CallsHost.StartAsync(store, new ManualTime(Now), analysis: false, settings: new Dictionary<string, string?> { ["Store:InstanceId"] = "b" });

        // Every instance's sessions race for the same eight slots of one day, each slot wanted five times.
        string[] slots = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "12:00", "12:30"];
        var attempts = new List<(AppointmentTools, string, string, string)>();
        for (int i = 0; i < 40; i++)
        {
            attempts.Add((i % 2 == 0 ? first.Tools : second.Tools, "2026-11-26", slots[i % slots.Length], $"Caller {i}"));
        }

        JsonElement[] results = await BookAllAsync(attempts);
        string[] references = [.. results.Where(r => r.GetProperty("booked").GetBoolean()).Select(r => r.GetProperty("reference").GetString()!)];
        Assert.Equal(slots.Length, references.Length);
        Assert.Equal(references.Length, references.Distinct().Count());

        // Refused bookings roll their number back: the day's references run 001 to 008 without gaps.
        Assert.Equal(Enumerable.Range(1, slots.Length).Select(n => $"GB-20261126-{n:000}"), references.Order());
        IReadOnlyList<Appointment> day = await first.Book.ListAsync(new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26), CancellationToken.None);
        Assert.Equal(slots, day.Select(a => a.Time));
    }

    private static async Task<JsonElement[]> BookAllAsync(IEnumerable<(AppointmentTools Tools, string Date, string Time, string Name)> attempts)
    {
        using var go = new ManualResetEventSlim();
        Task<JsonElement>[] tasks = [.. attempts.Select(a => Task.Run(async () =>
        {
            AIFunction book = a.Tools.For(CallContext.None).Single(t => t.Name == AppointmentTools.BookAppointment);
            go.Wait();
            return (JsonElement)(await book.InvokeAsync(new AIFunctionArguments(new Dictionary<string, object?> { ["date"] = a.Date, ["time"] = a.Time, ["name"] = a.Name })))!;
        }))];
        go.Set();
        return await Task.WhenAll(tasks);
    }
}
