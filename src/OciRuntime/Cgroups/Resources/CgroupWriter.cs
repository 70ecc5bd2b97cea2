using System.Globalization;
using OciRuntime.Cgroups.Native;

namespace OciRuntime.Cgroups.Resources;

/// <summary>
/// Carries out a resource plan in order. Every file is looked up first, so a plan that needs a control file the
/// kernel lacks fails before anything has changed.
/// </summary>
public sealed class CgroupWriter(CgroupFileSystem fs, CgroupPaths paths)
{
    public void Execute(IReadOnlyList<CgroupWrite> writes)
    {
        foreach (var write in writes) EnsureExists(write);

        var deferred = new List<CgroupWrite>();
        foreach (var write in writes)
        {
            var errno = fs.TryWriteFile(PathOf(write), write.Value);
            var retryLater = (write.Options & CgroupWriteOptions.RetryAfterNext) != 0;
            if (errno == CgroupSyscalls.EINVAL && retryLater)
            {
                deferred.Add(write);
                continue;
            }
            if (errno != 0) throw Failure(write, errno);
            if ((write.Options & CgroupWriteOptions.VerifyReadBack) != 0) VerifyReadBack(write);
            if (retryLater) continue;
            foreach (var waiting in deferred)
            {
                var retryErrno = fs.TryWriteFile(PathOf(waiting), waiting.Value);
                if (retryErrno != 0) throw Failure(waiting, retryErrno);
            }
            deferred.Clear();
        }
        if (deferred.Count > 0) throw Failure(deferred[0], CgroupSyscalls.EINVAL);
    }

    private string DirectoryOf(CgroupWrite write) =>
        paths.DirectoryOf(write.Hierarchy) ??
        throw new OciRuntimeException($"cgroup: cannot write {write.File}: the container has no {(write.Hierarchy.Length == 0 ? "cgroup2" : write.Hierarchy)} cgroup");

    private string PathOf(CgroupWrite write) => Path.Join(DirectoryOf(write), write.File);

    private void EnsureExists(CgroupWrite write)
    {
        if (fs.FileExists(PathOf(write))) return;
        var dot = write.File.IndexOf('.');
        var controller = dot > 0 ? write.File[..dot] : write.File;
        throw new OciRuntimeException(
            $"cgroup: cannot set {write.File}: {DirectoryOf(write)} has no such file (the {controller} controller is not enabled there, or this kernel lacks the file)");
    }

    private OciRuntimeException Failure(CgroupWrite write, int errno)
    {
        if (errno == CgroupSyscalls.EBUSY && (write.Options & CgroupWriteOptions.ExplainBusyAsUsage) != 0)
        {
            var dir = DirectoryOf(write);
            var usage = fs.TryReadFile(Path.Join(dir, "memory.usage_in_bytes"))?.Trim();
            var peak = fs.TryReadFile(Path.Join(dir, "memory.max_usage_in_bytes"))?.Trim();
            return new OciRuntimeException(
                $"cgroup: unable to set memory limit to {write.Value} (current usage: {usage ?? "unknown"}, peak usage: {peak ?? "unknown"})");
        }
        return CgroupFileSystem.WriteFailure(PathOf(write), write.Value, errno);
    }

    private void VerifyReadBack(CgroupWrite write)
    {
        var wanted = ulong.Parse(write.Value, CultureInfo.InvariantCulture);
        var actual = CgroupFileParsers.ParseUInt(fs.ReadFile(PathOf(write)));
        if (actual == wanted) return;
        throw new OciRuntimeException(
            $"cgroup: {write.File} {write.Value} is out of range: the {(wanted > actual ? "maximum" : "minimum")} allowed is {actual}");
    }
}
