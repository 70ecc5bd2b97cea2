using System.Runtime.CompilerServices;
using Xunit;

namespace OciRuntime.Tests;

/// <summary>
/// Golden files under tests/OciRuntime.Tests/Snapshots. A missing golden file, or UPDATE_SNAPSHOTS=1,
/// writes the actual text to the source tree and fails, so a new snapshot is always reviewed before it counts.
/// </summary>
public static class Snapshot
{
    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var directory = Path.Combine(FindTestsRoot(callerFile), "Snapshots");
        var path = Path.Combine(directory, name);
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            Assert.Fail($"snapshot {name} written to {path}; review it and run the tests again");
        }
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }

    private static string FindTestsRoot(string callerFile)
    {
        var dir = Path.GetDirectoryName(callerFile);
        while (dir != null && !File.Exists(Path.Combine(dir, "OciRuntime.Tests.csproj")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException($"no OciRuntime.Tests.csproj above {callerFile}");
    }
}
