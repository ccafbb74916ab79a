namespace Voxgate.Calls.Appointments;

/// <summary>Why the book refused a request; the codes the tools return as <c>error</c>.</summary>
public static class BookingError
{
    public const string InvalidDate = "invalid_date";
    public const string InvalidTime = "invalid_time";
    public const string InThePast = "in_the_past";
    public const string TooFarAhead = "too_far_ahead";
    public const string Closed = "closed";
    public const string NotASlot = "not_a_slot";
    public const string SlotTaken = "slot_taken";
    public const string UnknownService = "unknown_service";
    public const string MissingName = "missing_name";
    public const string NotFound = "not_found";
    public const string AlreadyCancelled = "already_cancelled";
}
