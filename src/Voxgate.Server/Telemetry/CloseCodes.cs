namespace Voxgate.Server.Telemetry;

/// <summary>Close codes as metric tag values, without formatting a number per call for the common ones.</summary>
internal static class CloseCodes
{
    public static string Name(int code) => code switch
    {
        1000 => "1000",
        1001 => "1001",
        1008 => "1008",
        1009 => "1009",
        1011 => "1011",
        1013 => "1013",
        _ => code.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
