using System.Text.Json;
using Microsoft.Extensions.AI;
using Voxgate.Calls.Appointments;
using Voxgate.Calls.Records;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Tests.TestSupport;

namespace Voxgate.Calls.Tests.Appointments;

/// <summary>The five tools exactly as the receptionist and the cloud model call them, on both stores.</summary>
[Collection(PostgresTests.Name)]
public sealed class AppointmentToolsTests(PostgresServer postgres)
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    // Monday 23 November 2026, 08:00 at the clinic (UTC); open 09:00-17:00 on weekdays, 10:00-14:00 Saturday, closed Sunday.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_booking_gets_a_GB_reference_and_a_second_booking_of_the_slot_is_refused_with_alternatives(string provider)
    {
        await using CallsHost host = await StartAsync(provider);
        IReadOnlyList<AIFunction> tools = host.Tools.For(new CallContext("call_x", "+44 20 7946 0958", null));

        JsonElement booked = await InvokeAsync(tools, "book_appointment", new() { ["date"] = "2026-11-27", ["time"] = "10:00", ["name"] = "Ada Lovelace", ["service"] = "Check-up" });
        Assert.Equal("""{"booked":true,"reference":"GB-20261127-001","date":"2026-11-27","time":"10:00","name":"Ada Lovelace","service":"check up"}""", booked.GetRawText());

        JsonElement taken = await InvokeAsync(tools, "book_appointment", new() { ["date"] = "2026-11-27", ["time"] = "10:00", ["name"] = "Alan Turing" });
        Assert.False(taken.GetProperty("booked").GetBoolean());
        Assert.Equal("slot_taken", taken.GetProperty("error").GetString());
        Assert.Equal(["09:00", "09:30", "10:30"], Strings(taken.GetProperty("alternatives")));
        Assert.Equal(["booked", "error", "message", "alternatives"], taken.EnumerateObject().Select(p => p.Name));

        JsonElement next = await InvokeAsync(tools, "book_appointment", new() { ["date"] = "2026-11-27", ["time"] = "10:30", ["name"] = "Alan Turing" });
        Assert.Equal("GB-20261127-002", next.GetProperty("reference").GetString());
        JsonElement otherDay = await InvokeAsync(tools, "book_appointment", new() { ["date"] = "2026-11-24", ["time"] = "09:00", ["name"] = "Grace Hopper" });
        Assert.Equal("GB-20261124-001", otherDay.GetProperty("reference").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Availability_says_free_or_taken_with_the_nearest_free_times_or_the_days_first(string provider)
    {
        await using CallsHost host = await StartAsync(provider);
        IReadOnlyList<AIFunction> tools = host.Tools.For(CallContext.None);
        await InvokeAsync(tools, "book_appointment", new() { ["date"] = "2026-11-28", ["time"] = "11:00", ["name"] = "Ada" });

        JsonElement free = await InvokeAsync(tools, "check_availability", new() { ["date"] = "2026-11-28", ["time"] = "12:00" });
        Assert.Equal("""{"available":true,"date":"2026-11-28","time":"12:00","alternatives":["11:30","12:30","13:00"]}""", free.GetRawText());
        JsonElement taken = await InvokeAsync(tools, "check_availability", new() { ["date"] = "2026-11-28", ["time"] = "11:00" });
        Assert.Equal("""{"available":false,"date":"2026-11-28","time":"11:00","alternatives":["10:00","10:30","11:30"]}""", taken.GetRawText());
        JsonElement day = await InvokeAsync(tools, "check_availability", new() { ["date"] = "2026-11-28" });
        Assert.Equal("""{"available":false,"date":"2026-11-28","time":null,"alternatives":["10:00","10:30","11:30"]}""", day.GetRawText());
        JsonElement sunday = await InvokeAsync(tools, "check_availability", new() { ["date"] = "2026-11-29", ["time"] = "10:00" });
        Assert.Equal("""{"available":false,"date":"2026-11-29","time":"10:00","alternatives":[]}""", sunday.GetRawText());
        JsonElement nonsense = await InvokeAsync(tools, "check_availability", new() { ["date"] = "next tuesday" });
        Assert.False(nonsense.GetProperty("available").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bookings_are_refused_when_closed_past_unaligned_unknown_or_malformed(string provider)
    {
        await using CallsHost host = await StartAsync(provider);
        IReadOnlyList<AIFunction> tools = host.Tools.For(CallContext.None);
        async Task<string?> Error(string date, string time, string name = "Ada", string? service = null)
        {
            var arguments = new Dictionary<string, object?> { ["date"] = date, ["time"] = time, ["name"] = name };
            if (service is not null)
            {
                arguments["service"] = service;
            }

            JsonElement result = await InvokeAsync(tools, "book_appointment", arguments);
            Assert.False(result.GetProperty("booked").GetBoolean());
            Assert.False(string.IsNullOrEmpty(result.GetProperty("message").GetString()));
            return result.GetProperty("error").GetString();
        }

        Assert.Equal("closed", await Error("2026-11-29", "10:00"));
        Assert.Equal("closed", await Error("2026-11-27", "08:30"));
        Assert.Equal("closed", await Error("2026-11-27", "17:00"));
        Assert.Equal("in_the_past", await Error("2026-11-20", "10:00"));
        Assert.Equal("in_the_past", await Error("2026-11-23", "07:30"));
        Assert.Equal("not_a_slot", await Error("2026-11-27", "10:15"));
        Assert.Equal("unknown_service", await Error("2026-11-27", "10:00", service: "haircut"));
        Assert.Equal("invalid_date", await Error("27/11/2026", "10:00"));
        Assert.Equal("invalid_time", await Error("2026-11-27", "ten"));
        Assert.Equal("missing_name", await Error("2026-11-27", "10:00", name: " "));
        Assert.Equal("too_far_ahead", await Error("2028-01-03", "10:00"));
        Assert.Empty(await host.Book.ListAsync(new DateOnly(2026, 1, 1), new DateOnly(2028, 12, 31), CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rescheduling_keeps_the_reference_cancelling_frees_the_slot_and_bookings_are_found_by_name_and_phone(string provider)
    {
        await using CallsHost host = await StartAsync(provider);
        IReadOnlyList<AIFunction> tools = host.Tools.For(new CallContext("call_y", "+44 7700 900123", null));
        string reference = (await InvokeAsync(tools, "book_appointment", new() { ["date"] = "2026-11-25", ["time"] = "14:00", ["name"] = "Mary Seacole" })).GetProperty("reference").GetString()!;

        JsonElement moved = await InvokeAsync(tools, "reschedule_appointment", new() { ["reference"] = reference.ToLowerInvariant(), ["date"] = "2026-11-26", ["time"] = "15:30" });
        Assert.Equal($$"""{"rescheduled":true,"reference":"{{reference}}","date":"2026-11-26","time":"15:30"}""", moved.GetRawText());
        JsonElement unknown = await InvokeAsync(tools, "reschedule_appointment", new() { ["reference"] = "GB-20990101-001", ["date"] = "2026-11-26", ["time"] = "15:30" });
        Assert.Equal(("not_found", false), (unknown.GetProperty("error").GetString(), unknown.GetProperty("rescheduled").GetBoolean()));

        // Found by the caller id alone, by name (any case) and by phone in another format.
        JsonElement byCaller = await InvokeAsync(tools, "find_booking", []);
        Assert.Equal($$"""{"found":true,"bookings":[{"reference":"{{reference}}","date":"2026-11-26","time":"15:30","name":"Mary Seacole","service":null,"status":"booked"}]}""", byCaller.GetRawText());
        IReadOnlyList<AIFunction> anonymous = host.Tools.For(CallContext.None);
        Assert.True((await InvokeAsync(anonymous, "find_booking", new() { ["name"] = "mary seacole" })).GetProperty("found").GetBoolean());
        Assert.True((await InvokeAsync(anonymous, "find_booking", new() { ["phone"] = "447700900123" })).GetProperty("found").GetBoolean());
        Assert.False((await InvokeAsync(anonymous, "find_booking", [])).GetProperty("found").GetBoolean());

        Assert.Equal($$"""{"cancelled":true,"reference":"{{reference}}"}""", (await InvokeAsync(tools, "cancel_appointment", new() { ["reference"] = reference })).GetRawText());
        JsonElement again = await InvokeAsync(tools, "cancel_appointment", new() { ["reference"] = reference });
        Assert.Equal(("already_cancelled", false), (again.GetProperty("error").GetString(), again.GetProperty("cancelled").GetBoolean()));
        Assert.Equal("""{"cancelled":false,"error":"not_found","message":"There is no booking GB-1."}""", (await InvokeAsync(tools, "cancel_appointment", new() { ["reference"] = "GB-1" })).GetRawText());

        // The freed slot can be booked again, under the next number of its day.
        JsonElement rebooked = await InvokeAsync(tools, "book_appointment", new() { ["date"] = "2026-11-26", ["time"] = "15:30", ["name"] = "Florence" });
        Assert.Equal("GB-20261126-001", rebooked.GetProperty("reference").GetString());
        Assert.Equal("cancelled", (await host.Book.GetAsync(reference, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Tool_calls_are_written_into_the_call_record_when_the_context_has_a_recording()
    {
        await using CallsHost host = await StartAsync("sqlite");
        ICallRecording call = host.Recorder.Begin(new CallStart("browser", "openai", CallerPhone: "+15550100"));
        IReadOnlyList<AIFunction> tools = host.Tools.For(call.Context);
        await InvokeAsync(tools, "book_appointment", new() { ["date"] = "2026-11-27", ["time"] = "09:00", ["name"] = "Ada" });
        call.End("client_closed");
        await host.FlushAsync();

        ToolCallRecord tool = Assert.Single((await host.Store.GetCallAsync(call.CallId, CancellationToken.None))!.Tools);
        Assert.Equal("book_appointment", tool.Name);
        Assert.Equal("Ada", tool.Arguments.GetProperty("name").GetString());
        Assert.Equal("GB-20261127-001", tool.Result!.Value.GetProperty("reference").GetString());
        Appointment booking = (await host.Book.GetAsync("GB-20261127-001", CancellationToken.None))!;
        Assert.Equal((call.CallId, "15550100"), (booking.CallId, booking.Phone));
    }

    [Fact]
    public async Task The_tools_declare_the_contracts_names_and_parameters()
    {
        await using CallsHost host = await StartAsync("sqlite");
        static string Schema(AIFunction f) => string.Join(",", f.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        static string Required(AIFunction f) => f.JsonSchema.TryGetProperty("required", out JsonElement r) ? string.Join(",", r.EnumerateArray().Select(e => e.GetString())) : "";
        IReadOnlyList<AIFunction> all = host.Tools.For(CallContext.None);
        Assert.Equal(["check_availability", "book_appointment", "reschedule_appointment", "cancel_appointment", "find_booking"], all.Select(t => t.Name));
        Assert.Equal(("date,time,service", "date"), (Schema(all[0]), Required(all[0])));
        Assert.Equal(("date,time,name,phone,service", "date,time,name"), (Schema(all[1]), Required(all[1])));
        Assert.Equal(("reference,date,time", "reference,date,time"), (Schema(all[2]), Required(all[2])));
        Assert.Equal(("reference", "reference"), (Schema(all[3]), Required(all[3])));
        Assert.Equal(("reference,name,phone", ""), (Schema(all[4]), Required(all[4])));
    }

    internal static async Task<JsonElement> InvokeAsync(IReadOnlyList<AIFunction> tools, string name, Dictionary<string, object?> arguments)
    {
        object? result = await tools.Single(t => t.Name == name).InvokeAsync(new AIFunctionArguments(arguments));
        return Assert.IsType<JsonElement>(result);
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private async Task<CallsHost> StartAsync(string provider)
    {
        string folder = Directory.CreateTempSubdirectory("voxgate-calls-").FullName;
        return await CallsHost.StartAsync(await CallsHost.NewStoreAsync(provider, postgres, folder), new ManualTime(Now), folder: folder, analysis: false);
    }
}
