namespace Voxgate.Server.Calls;

/// <summary>Who may use the calls API and dashboard (configuration section <c>Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>
    /// Bearer tokens the calls API accepts (<c>Authorization: Bearer T</c>). With none, the API answers only requests
    /// from this machine (loopback), so a fresh install shows no caller's data to the network.
    /// </summary>
    public string[] AdminTokens { get; set; } = [];
}
