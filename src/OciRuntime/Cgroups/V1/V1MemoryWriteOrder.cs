namespace OciRuntime.Cgroups.V1;

/// <summary>
/// v1 refuses memory.limit_in_bytes above the current memory.memsw.limit_in_bytes and memsw below the memory
/// limit, so the order of the two writes depends on whether the limits go up or down (runc's rule).
/// </summary>
public static class V1MemoryWriteOrder
{
    /// <summary>True when the swap (memsw) limit must be written before the memory limit.</summary>
    /// <param name="currentMemsw">The memsw limit now in force (ulong.MaxValue when unlimited).</param>
    /// <param name="newMemory">The new memory limit, -1 for unlimited.</param>
    /// <param name="newMemsw">The new memory+swap limit, -1 for unlimited.</param>
    public static bool SwapFirst(ulong currentMemsw, long newMemory, long newMemsw) =>
        newMemory == -1 || newMemsw == -1 || (ulong)newMemsw > currentMemsw || (newMemory > 0 && (ulong)newMemory > currentMemsw);
}
