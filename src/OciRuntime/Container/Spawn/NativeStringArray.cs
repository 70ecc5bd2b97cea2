using System.Runtime.InteropServices;
using System.Text;

namespace OciRuntime.Container.Spawn;

/// <summary>
/// A NULL-terminated <c>char*[]</c> and its strings in one native block, built before a clone so the child
/// can hand it to execve without allocating.
/// </summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    public byte** Pointer { get; private set; }

    public NativeStringArray(IReadOnlyList<string> values)
    {
        var pointersSize = (nuint)((values.Count + 1) * sizeof(byte*));
        nuint total = pointersSize;
        foreach (var v in values) total += (nuint)Encoding.UTF8.GetByteCount(v) + 1;
        var block = (byte*)NativeMemory.Alloc(total);
        var pointers = (byte**)block;
        var cursor = block + pointersSize;
        for (var i = 0; i < values.Count; i++)
        {
            pointers[i] = cursor;
            var written = Encoding.UTF8.GetBytes(values[i], new Span<byte>(cursor, (int)(total - (nuint)(cursor - block))));
            cursor[written] = 0;
            cursor += written + 1;
        }
        pointers[values.Count] = null;
        Pointer = pointers;
    }

    public void Dispose()
    {
        if (Pointer != null) NativeMemory.Free(Pointer);
        Pointer = null;
    }
}
