using OciRuntime.Cgroups;
using OciRuntime.Cgroups.Devices;

namespace OciRuntime.Tests.Cgroups;

/// <summary>
/// A temp directory standing in for / on a host: tests lay out cgroup directories and control files in it.
/// rmdir behaves like the kernel's (a cgroup's control files go with it, child cgroups block it). Every write is
/// recorded in order (a file keeps only the last one); <see cref="OnWrite"/> plays the kernel where a test needs
/// it to refuse or adjust a value.
/// </summary>
internal sealed class FakeCgroupFs : CgroupFileSystem, IDisposable
{
    public FakeCgroupFs() : base(Directory.CreateTempSubdirectory("ocirun-cgfs-").FullName) { }

    /// <summary>(host path, value) of every write, successful or not, in order.</summary>
    public List<(string Path, string Value)> Writes { get; } = [];

    /// <summary>Device programs attached, by cgroup2 directory.</summary>
    public List<(string Path, IReadOnlyList<BpfInstruction> Program)> DevicePrograms { get; } = [];

    /// <summary>Called before each write: null lets it happen, an errno fails it (0: the hook stored it itself).</summary>
    public Func<string, string, int?>? OnWrite { get; set; }

    /// <summary>Writes a control file, creating its directory.</summary>
    public FakeCgroupFs With(string path, string content = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Real(path))!);
        File.WriteAllText(Real(path), content);
        return this;
    }

    /// <summary>Empty control files <paramref name="files"/> in <paramref name="dir"/>.</summary>
    public FakeCgroupFs WithFiles(string dir, params string[] files)
    {
        foreach (var file in files) With(Path.Join(dir, file));
        return this;
    }

    public string Content(string path) => File.ReadAllText(Real(path));

    /// <summary>The writes as "DIR/FILE=VALUE", DIR relative to <paramref name="under"/>.</summary>
    public List<string> WritesUnder(string under) =>
        Writes.Select(w => $"{Path.GetRelativePath(under, w.Path)}={w.Value}").ToList();

    public override int TryWriteFile(string path, string value)
    {
        Writes.Add((path, value));
        if (OnWrite?.Invoke(path, value) is { } errno) return errno;
        return base.TryWriteFile(path, value);
    }

    public override int TryWriteEach(string path, IReadOnlyList<string> values, out int failed)
    {
        for (failed = 0; failed < values.Count; failed++)
        {
            if (TryWriteFile(path, values[failed]) is var errno and not 0) return errno;
        }
        return 0;
    }

    public override void AttachDeviceProgram(string path, IReadOnlyList<BpfInstruction> program) =>
        DevicePrograms.Add((path, program));

    public override int RemoveDirectory(string path)
    {
        var real = Real(path);
        if (Directory.Exists(real) && Directory.GetDirectories(real).Length == 0)
            foreach (var file in Directory.GetFiles(real)) File.Delete(file);
        return base.RemoveDirectory(path);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
