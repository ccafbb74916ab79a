namespace Voxgate.Calls.Store;

// Dapper's shapes of the store's rows; integers are long because SQLite has no narrower type.
#pragma warning disable CA1812 // Created by Dapper.
internal sealed class CallRow
{
    public string Id { get; set; } = "";
    public long Started_Ms { get; set; }
    public long? Ended_Ms { get; set; }
    public string Transport { get; set; } = "";
    public string Upstream_Kind { get; set; } = "";
    public string? Upstream_Model { get; set; }
    public string? Caller_Ip_Hash { get; set; }
    public string? Caller_User_Agent { get; set; }
    public string? Caller_Phone { get; set; }
    public string? End_Reason { get; set; }
    public long? Close_Code { get; set; }
    public long Input_Tokens { get; set; }
    public long Output_Tokens { get; set; }
    public string? Recording_File { get; set; }
    public string? Status { get; set; }
    public double? Sentiment { get; set; }
    public long? Intent { get; set; }
    public string? Outcome { get; set; }
    public string? Summary { get; set; }
}

internal sealed class TurnRow
{
    public long Seq { get; set; }
    public string Role { get; set; } = "";
    public string? Item_Id { get; set; }
    public string Text { get; set; } = "";
    public long Start_Ms { get; set; }
    public long? End_Ms { get; set; }
    public long Interrupted { get; set; }
    public long? Cut_Off_Ms { get; set; }
    public long? Latency_Transcript_Ms { get; set; }
    public long? Latency_Sent_Ms { get; set; }
    public long? Latency_Heard_Ms { get; set; }
}

internal sealed class ToolRow
{
    public long Seq { get; set; }
    public string Tool_Call_Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Arguments { get; set; } = "{}";
    public string? Result { get; set; }
    public long Started_Ms { get; set; }
    public long? Ended_Ms { get; set; }
}

internal sealed class ErrorRow
{
    public long At_Ms { get; set; }
    public string Code { get; set; } = "";
    public string Message { get; set; } = "";
}

internal sealed class AnalysisRow
{
    public string Call_Id { get; set; } = "";
    public string Status { get; set; } = "";
    public long Attempts { get; set; }
    public string? Scorer { get; set; }
    public double? Sentiment { get; set; }
    public long? Intent { get; set; }
    public string? Outcome { get; set; }
    public string? Summary { get; set; }
    public string? Evidence { get; set; }
    public string? Error { get; set; }
    public long? Scored_Ms { get; set; }
}
#pragma warning restore CA1812
