using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Voxgate.Calls;
using Voxgate.Calls.Analytics;
using Voxgate.Calls.Appointments;
using Voxgate.Calls.Records;
using Voxgate.Calls.Recording;
using Voxgate.Calls.Store;

namespace Voxgate.Server.Calls;

/// <summary>
/// The calls API under <c>/api</c> (guarded by <see cref="DashboardAccess"/>), its OpenAPI document at
/// <c>/openapi/v1.json</c>, and the dashboard page at <c>/dashboard/</c> (static files; it holds no data itself).
/// </summary>
internal static partial class CallsEndpoints
{
    private const int MaxPageSize = 500;

    /// <summary>Registers Voxgate.Calls, the scorer's chat model when one is configured, the dashboard's options and OpenAPI.</summary>
    public static IServiceCollection AddCallsDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddVoxgateCalls(configuration);
        if (ScorerChatClient.Create(configuration) is { } chat)
        {
            services.AddKeyedSingleton(CallsServiceCollectionExtensions.ScorerChatClientKey, chat);
        }

        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DashboardAccess>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CallsApiJsonContext.Default));
        services.AddOpenApi();
        return services;
    }

    public static IEndpointRouteBuilder MapCallsDashboard(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder api = endpoints.MapGroup("/api").AddEndpointFilter<DashboardAccess>().WithTags("Calls");
        api.MapGet("/calls", ListCallsAsync).WithSummary("Lists calls, newest first: paged, filtered by date, outcome, sentiment and intent.");
        api.MapGet("/calls/{id}", GetCallAsync).WithSummary("One call: turns, tools, latency, errors, usage and analytics.");
        api.MapGet("/calls/{id}/recording", GetRecordingAsync).WithSummary("The call's stereo WAV (caller left, agent right); ranges supported.");
        api.MapDelete("/calls/{id}", DeleteCallAsync).WithSummary("Deletes the call's record and its recording.");
        api.MapPost("/calls/{id}/rescore", RescoreAsync).WithSummary("Queues the call to be scored again.");
        api.MapGet("/appointments", ListAppointmentsAsync).WithSummary("The appointment book, from one day to another (default: the next 30 days).");
        endpoints.MapOpenApi();
        return endpoints;
    }

    private static async Task<Results<Ok<CallPage>, ProblemHttpResult>> ListCallsAsync(HttpRequest request, CallStore store, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        IQueryCollection q = request.Query;
        var query = new CallQuery
        {
            From = Instant(q, "from", errors, endOfDay: false),
            To = Instant(q, "to", errors, endOfDay: true),
            Outcome = Outcome(q, errors),
            MinSentiment = Number(q, "minSentiment", -1, 1, errors),
            MaxSentiment = Number(q, "maxSentiment", -1, 1, errors),
            MinIntent = (int?)Number(q, "minIntent", 0, 100, errors),
            MaxIntent = (int?)Number(q, "maxIntent", 0, 100, errors),
            Page = (int?)Number(q, "page", 1, 1_000_000, errors) ?? 1,
            PageSize = (int?)Number(q, "pageSize", 1, MaxPageSize, errors) ?? 50,
        };
        if (errors.Count > 0)
        {
            return BadRequest(string.Join(" ", errors));
        }

        return TypedResults.Ok(await store.ListCallsAsync(query, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<CallDetail>, ProblemHttpResult>> GetCallAsync(string id, CallStore store, CancellationToken cancellationToken)
    {
        if (!IsCallId(id))
        {
            return BadCallId(id);
        }

        return await store.GetCallAsync(id, cancellationToken).ConfigureAwait(false) is { } call ? TypedResults.Ok(call) : NotFound(id);
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> GetRecordingAsync(
        string id, CallStore store, IOptions<RecordingOptions> recording, CancellationToken cancellationToken)
    {
        if (!IsCallId(id))
        {
            return BadCallId(id);
        }

        string? file = await store.GetRecordingFileAsync(id, cancellationToken).ConfigureAwait(false);
        string? path = file is null ? null : recording.Value.PathOf(file);
        if (path is null || !File.Exists(path))
        {
            return TypedResults.Problem($"Call {id} has no recording (recording was off, it is still being written, or it expired).", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        return TypedResults.PhysicalFile(path, "audio/wav", fileDownloadName: null, enableRangeProcessing: true);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteCallAsync(
        string id, CallStore store, IOptions<RecordingOptions> recording, CancellationToken cancellationToken)
    {
        if (!IsCallId(id))
        {
            return BadCallId(id);
        }

        (bool found, string? file) = await store.DeleteCallAsync(id, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            return NotFound(id);
        }

        if (file is not null)
        {
            File.Delete(recording.Value.PathOf(file));
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Accepted<RescoreResponse>, ProblemHttpResult>> RescoreAsync(
        string id, AnalysisJobs jobs, AnalysisSignal signal, CancellationToken cancellationToken)
    {
        if (!IsCallId(id))
        {
            return BadCallId(id);
        }

        if (!await jobs.RequeueAsync(id, cancellationToken).ConfigureAwait(false))
        {
            return TypedResults.Problem($"There is no ended call {id} to score.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        signal.Wake();
        return TypedResults.Accepted($"/api/calls/{id}", new RescoreResponse(id, AnalysisStatus.Pending));
    }

    private static async Task<Results<Ok<AppointmentsPage>, ProblemHttpResult>> ListAppointmentsAsync(
        HttpRequest request, AppointmentBook book, TimeProvider time, CancellationToken cancellationToken)
    {
        DateOnly today = DateOnly.FromDateTime(book.Schedule.LocalNow(time));
        var errors = new List<string>();
        DateOnly from = Day(request.Query, "from", errors) ?? today;
        DateOnly to = Day(request.Query, "to", errors) ?? from.AddDays(30);
        if (errors.Count == 0 && (to < from || to.DayNumber - from.DayNumber > 366))
        {
            errors.Add("'to' must be on or after 'from' and at most 366 days later.");
        }

        if (errors.Count > 0)
        {
            return BadRequest(string.Join(" ", errors));
        }

        IReadOnlyList<Appointment> items = await book.ListAsync(from, to, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AppointmentsPage(
            book.Schedule.Name, book.Schedule.TimeZone.Id, ClinicSchedule.Format(today), ClinicSchedule.Format(from), ClinicSchedule.Format(to), items));
    }

    private static DateTimeOffset? Instant(IQueryCollection query, string name, List<string> errors, bool endOfDay)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return null;
        }

        string text = values.ToString();
        if (ClinicSchedule.TryParseDate(text, out DateOnly day))
        {
            // A bare day is the whole day in UTC: from its start, or to the start of the next.
            return new DateTimeOffset((endOfDay ? day.AddDays(1) : day).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset instant))
        {
            return instant;
        }

        errors.Add($"'{name}' must be a date (YYYY-MM-DD) or an ISO 8601 time, not '{text}'.");
        return null;
    }

    private static DateOnly? Day(IQueryCollection query, string name, List<string> errors)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return null;
        }

        if (ClinicSchedule.TryParseDate(values.ToString(), out DateOnly day))
        {
            return day;
        }

        errors.Add($"'{name}' must be a date as YYYY-MM-DD, not '{values}'.");
        return null;
    }

    private static double? Number(IQueryCollection query, string name, double min, double max, List<string> errors)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return null;
        }

        bool integral = name is not ("minSentiment" or "maxSentiment");
        if (double.TryParse(values.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && value >= min && value <= max && (!integral || value == Math.Floor(value)))
        {
            return value;
        }

        errors.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' must be {(integral ? "a whole number" : "a number")} from {min} to {max}, not '{values}'."));
        return null;
    }

    private static string? Outcome(IQueryCollection query, List<string> errors)
    {
        if (!query.TryGetValue("outcome", out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return null;
        }

        string outcome = values.ToString();
        if (CallOutcome.All.Contains(outcome))
        {
            return outcome;
        }

        errors.Add($"'outcome' must be one of {string.Join(", ", CallOutcome.All)}, not '{outcome}'.");
        return null;
    }

    private static bool IsCallId(string id) => id.Length <= 64 && CallIdPattern().IsMatch(id);

    private static ProblemHttpResult BadCallId(string id) => BadRequest($"'{(id.Length > 64 ? id[..64] + "…" : id)}' is not a call id (letters, digits, '_' and '-', at most 64).");

    private static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");

    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem($"There is no call {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex CallIdPattern();
}
