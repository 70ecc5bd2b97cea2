using System.Diagnostics;

namespace OciRuntime.Conformance.Cri;

/// <summary>What the scenarios check or do on the host, outside containerd: cgroup files, mounts, processes.</summary>
static class HostSide
{
    const string CgroupRoot = "/sys/fs/cgroup";

    /// <summary>The cgroup v1 directory containerd asked for: the pod's cgroup parent, then the container id.</summary>
    public static string CgroupDir(string controller, string cgroupParent, string containerId) =>
        Path.Combine(CgroupRoot, controller, cgroupParent.TrimStart('/'), containerId);

    public static string ReadCgroupFile(string controller, string cgroupParent, string containerId, string file) =>
        File.ReadAllText(Path.Combine(CgroupDir(controller, cgroupParent, containerId), file)).Trim();

    /// <summary>The cgroup directories under the run's parent in every v1 hierarchy (the parent itself excluded).</summary>
    public static IEnumerable<string> CgroupsUnder(string cgroupParent) =>
        Directory.EnumerateDirectories(CgroupRoot)
            .Select(hierarchy => Path.Combine(hierarchy, cgroupParent.TrimStart('/')))
            .Where(Directory.Exists)
            .SelectMany(parent => Directory.EnumerateDirectories(parent, "*", SearchOption.AllDirectories));

    /// <summary>Mount points of the host's mount namespace (this process's), unescaped from mountinfo.</summary>
    public static IEnumerable<string> MountPoints() =>
        File.ReadLines("/proc/self/mountinfo").Select(line => Unescape(line.Split(' ')[4]));

    static string Unescape(string field) =>
        System.Text.RegularExpressions.Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());

    /// <summary>Command lines of the host's processes that contain every one of PARTS.</summary>
    public static IEnumerable<(int Pid, string CommandLine)> ProcessesMatching(params string[] parts)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }
            if (parts.All(part => commandLine.Contains(part, StringComparison.Ordinal))) yield return (pid, commandLine);
        }
    }

    public static void MountTmpfs(string target) => Run("mount", "-t", "tmpfs", "-o", "size=1m", "ocirun-cri-e2e", target);

    /// <summary>Unmounts everything at or under DIR, deepest first (what the host or a container mounted there).</summary>
    public static void UnmountUnder(string dir)
    {
        var prefix = dir.TrimEnd('/') + "/";
        foreach (var mountPoint in MountPoints().Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).Distinct()
                     .OrderByDescending(m => m.Length))
            Run("umount", mountPoint);
    }

    static void Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Check.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: exit {process.ExitCode}: {stderr.Trim()}");
    }
}
