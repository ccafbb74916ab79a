namespace Voxgate.Browser.Tests.TestSupport;

/// <summary>One server and one browser on its page, shared by tests that only run scripts in the page.</summary>
public sealed class PageFixture : IAsyncLifetime
{
    private TestServer? _server;
    private Chromium? _chromium;

    internal Chromium Chromium => _chromium ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _chromium = await Chromium.LaunchAsync();
        await _chromium.Page.GotoAsync(_server.Address.ToString());
    }

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
