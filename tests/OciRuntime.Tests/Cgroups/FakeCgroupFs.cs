using OciRuntime.Cgroups;

namespace OciRuntime.Tests.Cgroups;

/// <summary>
/// A temp directory standing in for / on a host: tests lay out cgroup directories and control files in it.
/// rmdir behaves like the kernel's (a cgroup's control files go with it, child cgroups block it).
/// </summary>
internal sealed class FakeCgroupFs : CgroupFileSystem, IDisposable
{
    public FakeCgroupFs() : base(Directory.CreateTempSubdirectory("ocirun-cgfs-").FullName) { }

    /// <summary>Writes a control file, creating its directory.</summary>
    public FakeCgroupFs With(string path, string content = "")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Real(path))!);
        File.WriteAllText(Real(path), content);
        return this;
    }

    public string Content(string path) => File.ReadAllText(Real(path));

    public override int RemoveDirectory(string path)
    {
        var real = Real(path);
        if (Directory.Exists(real) && Directory.GetDirectories(real).Length == 0)
            foreach (var file in Directory.GetFiles(real)) File.Delete(file);
        return base.RemoveDirectory(path);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
