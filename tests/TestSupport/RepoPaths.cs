namespace HealthRecords.TestSupport;

/// <summary>Finds the repository and the built node programs from a test's output directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Topology => Path.Combine(Root, "config", "topology.demo.json");

    public static string Protos => Path.Combine(Root, "protos");

    /// <summary>The built program of a project under src/, in the configuration the tests were built in.</summary>
    public static string NodeDll(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        var dll = Path.Combine(Root, "src", project, "bin", configuration, "net10.0", $"HealthRecords.{project}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built; build HealthRecords.sln -c {configuration} first.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HealthRecords.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("HealthRecords.sln not found above " + AppContext.BaseDirectory);
    }
}
