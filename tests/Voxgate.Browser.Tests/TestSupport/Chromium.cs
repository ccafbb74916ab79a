using Microsoft.Playwright;

namespace Voxgate.Browser.Tests.TestSupport;

/// <summary>
/// Debian's Chromium driven by Playwright, with a fake microphone (a WAV file, looped, or Chromium's beeps),
/// microphone permission granted and a fresh profile. Never downloads a browser.
/// </summary>
internal sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Chromium(IPlaywright playwright, IBrowserContext context, IPage page, string profile)
    {
        _playwright = playwright;
        Context = context;
        Page = page;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console lines and page errors, for failure messages.</summary>
    public List<string> Console { get; } = [];

    public static async Task<Chromium> LaunchAsync(string? microphoneWav = null)
    {
        List<string> args =
        [
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ];
        if (microphoneWav is not null)
        {
            args.Add($"--use-file-for-fake-audio-capture={microphoneWav}");
        }

        string profile = Directory.CreateTempSubdirectory("voxgate-chromium-").FullName;
        IPlaywright playwright = await Playwright.CreateAsync();
        try
        {
            IBrowserContext context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = args,
                Permissions = ["microphone"],
                ViewportSize = new ViewportSize { Width = 1000, Height = 1200 },
                Timeout = 60_000,
            });
            IPage page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
            var chromium = new Chromium(playwright, context, page, profile);
            page.Console += (_, message) => { lock (chromium.Console) { chromium.Console.Add($"{message.Type}: {message.Text}"); } };
            page.PageError += (_, error) => { lock (chromium.Console) { chromium.Console.Add($"page error: {error}"); } };
            return chromium;
        }
        catch
        {
            playwright.Dispose();
            Directory.Delete(profile, recursive: true);
            throw;
        }
    }

    /// <summary>Saves a screenshot of the whole page under the repository's test-output folder.</summary>
    public async Task ScreenshotAsync(string fileName)
    {
        string folder = Path.Combine(RepositoryRoot(), "test-output");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, fileName), FullPage = true });
    }

    public string ConsoleText()
    {
        lock (Console)
        {
            return string.Join('\n', Console);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
        }
        finally
        {
            _playwright.Dispose();
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
                // Chromium may still be letting go of its profile; the temp folder is cleaned eventually.
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Voxgate.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
