namespace StudentMetrics.TestSupport;

/// <summary>Where the repository is, found from the test assembly's folder (tests read its sources, samples and fixtures).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StudentMetrics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StudentMetrics.sln not found above " + AppContext.BaseDirectory);
    }
}
