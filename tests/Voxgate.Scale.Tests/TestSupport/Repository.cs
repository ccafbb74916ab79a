namespace Voxgate.Scale.Tests.TestSupport;

internal static class Repository
{
    /// <summary>The repository's root: the folder above the test's output that holds Voxgate.slnx.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Voxgate.slnx")))
            {
                return folder.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
