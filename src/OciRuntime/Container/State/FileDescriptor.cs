using System.Runtime.InteropServices;

namespace OciRuntime.Container.State;

/// <summary>An owned Linux file descriptor; closing it also drops any flock held through it.</summary>
internal sealed class FileDescriptor : SafeHandle
{
    public FileDescriptor(int fd) : base(-1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    public int Value => (int)handle;

    protected override bool ReleaseHandle() => StateSyscalls.Close((int)handle) == 0;
}
