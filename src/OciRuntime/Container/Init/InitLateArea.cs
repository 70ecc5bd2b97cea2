using System.Text;
using OciRuntime.Linux;

namespace OciRuntime.Container.Init;

/// <summary>
/// The command's side of <see cref="InitLateData"/>: one MAP_SHARED anonymous mapping made before the clone, so
/// the raw init sees what the command writes into it afterwards. Each write lays its strings out from the start of
/// the storage after the header; the raw init reads them before it answers.
/// </summary>
internal sealed unsafe class InitLateArea : IDisposable
{
    private readonly nuint _length;
    private byte* _cursor;

    public InitLateData* Data { get; private set; }

    /// <param name="environmentBytes">Room the program's environment needs (its strings, NULs and pointers).</param>
    public InitLateArea(int environmentBytes)
    {
        const int PathRoom = 3 * 4096, Slack = 4096, Page = 4096;
        var length = sizeof(InitLateData) + environmentBytes + PathRoom + Slack;
        _length = (nuint)((length + Page - 1) / Page * Page);
        var address = Libc.Mmap(0, _length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_ANONYMOUS, -1, 0);
        if (address == Libc.MapFailed) throw Errno.Last("mmap the init's shared page");
        Data = (InitLateData*)address;
    }

    /// <summary>The operands of the next proc mount the raw init makes.</summary>
    public void SetMount(string? source, ulong flags, string data)
    {
        Reset();
        Data->MountSource = Put(source ?? "proc");
        Data->MountData = data.Length > 0 ? Put(data) : null;
        Data->MountFlags = flags;
    }

    /// <summary>The program as resolved in the finished root, and the terminal to take, if any.</summary>
    public void SetProgram(string path, IReadOnlyList<string> environment, string? consolePath)
    {
        Reset();
        Data->Path = Put(path);
        Data->ConsolePath = consolePath != null ? Put(consolePath) : null;
        var pointers = (byte**)Take((environment.Count + 1) * sizeof(byte*));
        for (var i = 0; i < environment.Count; i++) pointers[i] = Put(environment[i]);
        pointers[environment.Count] = null;
        Data->Envp = pointers;
    }

    private void Reset() => _cursor = (byte*)Data + sizeof(InitLateData);

    private byte* Put(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        var target = Take(bytes + 1);
        Encoding.UTF8.GetBytes(value, new Span<byte>(target, bytes));
        target[bytes] = 0;
        return target;
    }

    private byte* Take(int bytes)
    {
        var aligned = (bytes + 7) & ~7;
        if (_cursor + aligned > (byte*)Data + _length) throw new OciRuntimeException("the container's program and environment do not fit the init's shared page");
        var start = _cursor;
        _cursor += aligned;
        return start;
    }

    public void Dispose()
    {
        if (Data != null) Libc.Munmap((nint)Data, _length);
        Data = null;
    }
}
