using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace Voxgate.Browser.Tests.TestSupport;

/// <summary>Waits on conditions in the page, failing with what the page knew at the time.</summary>
internal static class PageWaits
{
    /// <summary>Polls <paramref name="predicate"/> (a JavaScript expression) until it is truthy.</summary>
    public static async Task UntilAsync(this Chromium chromium, string what, string predicate, TimeSpan timeout)
    {
        try
        {
            await chromium.Page.WaitForFunctionAsync(predicate, null, new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            throw new XunitException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}.\n{await DescribeAsync(chromium)}");
        }
    }

    /// <summary>The page's test hooks, captions and console, for a failure message.</summary>
    public static async Task<string> DescribeAsync(Chromium chromium)
    {
        try
        {
            string state = await chromium.Page.EvaluateAsync<string>("() => JSON.stringify(window.voxgate ?? null)");
            string[] captions = await chromium.Page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('#log > li')].map(li => `${li.dataset.role ?? ''}${li.dataset.final === 'true' ? '' : ' (partial)'}: ${li.textContent.trim()}`)");
            string alert = await chromium.Page.EvaluateAsync<string>("() => document.getElementById('error').hidden ? '' : document.getElementById('error-text').textContent");
            return $"voxgate: {state}\ncaptions:\n  {string.Join("\n  ", captions)}\nalert: {alert}\nconsole:\n{chromium.ConsoleText()}";
        }
        catch (PlaywrightException e)
        {
            return $"(the page could not be read: {e.Message})";
        }
    }

    public static async Task<JsonElement> StatsAsync(this Chromium chromium)
    {
        string json = await chromium.Page.EvaluateAsync<string>("() => JSON.stringify(window.voxgate.stats)");
        return JsonDocument.Parse(json).RootElement.Clone();
    }
}
