using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using OciRuntime.Cgroups.Native;

namespace OciRuntime.Cgroups.Devices;

/// <summary>
/// Loads a device program with bpf(2) and makes it the only device program on a cgroup2 directory: the new
/// one is attached (BPF_F_ALLOW_MULTI) before the old ones are detached, so the container is never without
/// a filter while it is updated.
/// </summary>
internal static class BpfDeviceProgramAttacher
{
    private const int BpfProgLoad = 5;
    private const int BpfProgAttach = 8;
    private const int BpfProgDetach = 9;
    private const int BpfProgGetFdById = 13;
    private const int BpfProgQuery = 16;
    private const int BpfProgTypeCgroupDevice = 15;
    private const int BpfCgroupDevice = 6;
    private const int BpfFAllowMulti = 2;
    private const int AttrSize = 120;

    public static unsafe void Replace(int cgroupFd, IReadOnlyList<BpfInstruction> program)
    {
        var oldPrograms = Query(cgroupFd);
        var programFd = Load(program);
        try
        {
            var attr = stackalloc byte[AttrSize];
            new Span<byte>(attr, AttrSize).Clear();
            WriteU32(attr, 0, (uint)cgroupFd);
            WriteU32(attr, 4, (uint)programFd);
            WriteU32(attr, 8, BpfCgroupDevice);
            WriteU32(attr, 12, BpfFAllowMulti);
            Call(BpfProgAttach, attr, "attach the device program");
        }
        finally
        {
            CgroupSyscalls.Close(programFd);
        }
        foreach (var id in oldPrograms) Detach(cgroupFd, id);
    }

    private static unsafe int Load(IReadOnlyList<BpfInstruction> program)
    {
        var code = DeviceFilterProgram.Encode(program);
        var license = Encoding.ASCII.GetBytes(DeviceFilterProgram.License + "\0");
        var log = new byte[64 * 1024];
        fixed (byte* codePtr = code, licensePtr = license, logPtr = log)
        {
            var attr = stackalloc byte[AttrSize];
            new Span<byte>(attr, AttrSize).Clear();
            WriteU32(attr, 0, BpfProgTypeCgroupDevice);
            WriteU32(attr, 4, (uint)program.Count);
            WriteU64(attr, 8, (ulong)codePtr);
            WriteU64(attr, 16, (ulong)licensePtr);
            WriteU32(attr, 24, 1);
            WriteU32(attr, 28, (uint)log.Length);
            WriteU64(attr, 32, (ulong)logPtr);
            var fd = Syscall(BpfProgLoad, attr);
            if (fd < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                var verifier = Encoding.ASCII.GetString(log).TrimEnd('\0').Trim();
                throw new OciRuntimeException(
                    $"cgroup: load the device program: {CgroupSyscalls.Describe(errno)}{(verifier.Length > 0 ? ": " + verifier : "")}");
            }
            return (int)fd;
        }
    }

    private static unsafe List<uint> Query(int cgroupFd)
    {
        var ids = new uint[64];
        fixed (uint* idsPtr = ids)
        {
            var attr = stackalloc byte[AttrSize];
            new Span<byte>(attr, AttrSize).Clear();
            WriteU32(attr, 0, (uint)cgroupFd);
            WriteU32(attr, 4, BpfCgroupDevice);
            WriteU64(attr, 16, (ulong)idsPtr);
            WriteU32(attr, 24, (uint)ids.Length);
            Call(BpfProgQuery, attr, "list the attached device programs");
            var count = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(attr + 24, 4));
            return ids.Take((int)Math.Min(count, (uint)ids.Length)).ToList();
        }
    }

    private static unsafe void Detach(int cgroupFd, uint programId)
    {
        var attr = stackalloc byte[AttrSize];
        new Span<byte>(attr, AttrSize).Clear();
        WriteU32(attr, 0, programId);
        var programFd = Syscall(BpfProgGetFdById, attr);
        // A program that went away meanwhile needs no detaching.
        if (programFd < 0) return;
        try
        {
            new Span<byte>(attr, AttrSize).Clear();
            WriteU32(attr, 0, (uint)cgroupFd);
            WriteU32(attr, 4, (uint)programFd);
            WriteU32(attr, 8, BpfCgroupDevice);
            Call(BpfProgDetach, attr, "detach the old device program");
        }
        finally
        {
            CgroupSyscalls.Close((int)programFd);
        }
    }

    private static unsafe void Call(int command, byte* attr, string what)
    {
        if (Syscall(command, attr) < 0)
            throw new OciRuntimeException($"cgroup: {what}: {CgroupSyscalls.Describe(Marshal.GetLastPInvokeError())}");
    }

    private static unsafe long Syscall(int command, byte* attr) =>
        CgroupSyscalls.Syscall(OciRuntime.Linux.SyscallNumbers.bpf, command, attr, AttrSize);

    private static unsafe void WriteU32(byte* attr, int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(attr + offset, 4), value);

    private static unsafe void WriteU64(byte* attr, int offset, ulong value) =>
        BinaryPrimitives.WriteUInt64LittleEndian(new Span<byte>(attr + offset, 8), value);
}
