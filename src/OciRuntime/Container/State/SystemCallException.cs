namespace OciRuntime.Container.State;

/// <summary>A failed system call, worded the way runc (Go) words it: <c>OP PATH: reason</c>.</summary>
public sealed class SystemCallException(string operation, string path, int errno)
    : OciRuntimeException($"{operation} {path}: {StateSyscalls.Describe(errno)}")
{
    public int Errno { get; } = errno;
}
