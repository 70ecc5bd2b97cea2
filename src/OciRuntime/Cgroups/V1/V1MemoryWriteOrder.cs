namespace OciRuntime.Cgroups.V1;

/// <summary>
/// v1 refuses a memory.limit_in_bytes above memory.memsw.limit_in_bytes and the reverse, so when both change the
/// order of the two writes matters. runc's rule: the memsw limit goes first when it is unlimited or above the
/// current memory limit (it then cannot undercut the old memory limit, and the new memory limit fits under it);
/// otherwise the memory limit goes first.
/// </summary>
public static class V1MemoryWriteOrder
{
    /// <param name="currentMemoryLimit">memory.limit_in_bytes now in force.</param>
    /// <param name="newMemsw">The new memory+swap limit, -1 for unlimited.</param>
    public static bool SwapFirst(ulong currentMemoryLimit, long newMemsw) =>
        newMemsw == -1 || currentMemoryLimit < (ulong)newMemsw;
}
