using System.Runtime.InteropServices;
using Tmds.Linux;

namespace OciRuntime.Seccomp;

/// <summary>
/// libseccomp.so.2 bound at run time through function pointers: no DllImport, so a host without the library
/// still runs every container that asks for no seccomp, and NativeAOT needs no import stubs for it.
/// </summary>
internal sealed unsafe class LibSeccompNative : ILibSeccomp
{
    private const string LibraryName = "libseccomp.so.2";
    private const uint ScmpArchNative = 0;

    private static readonly Lazy<LibSeccompNative?> Shared = new(Load);

    private readonly delegate* unmanaged<uint, IntPtr> _init;
    private readonly delegate* unmanaged<IntPtr, void> _release;
    private readonly delegate* unmanaged<IntPtr, uint, int> _archAdd;
    private readonly delegate* unmanaged<IntPtr, uint, int> _archRemove;
    private readonly delegate* unmanaged<uint> _archNative;
    private readonly delegate* unmanaged<uint, byte*, int> _syscallResolveNameArch;
    private readonly delegate* unmanaged<IntPtr, uint, int, uint, ScmpArgCmp*, int> _ruleAddArray;
    private readonly delegate* unmanaged<IntPtr, int, uint, int> _attrSet;
    private readonly delegate* unmanaged<IntPtr, int, int> _exportBpf;
    private readonly delegate* unmanaged<uint*> _version;

    private LibSeccompNative(IntPtr handle)
    {
        _init = (delegate* unmanaged<uint, IntPtr>)Export(handle, "seccomp_init");
        _release = (delegate* unmanaged<IntPtr, void>)Export(handle, "seccomp_release");
        _archAdd = (delegate* unmanaged<IntPtr, uint, int>)Export(handle, "seccomp_arch_add");
        _archRemove = (delegate* unmanaged<IntPtr, uint, int>)Export(handle, "seccomp_arch_remove");
        _archNative = (delegate* unmanaged<uint>)Export(handle, "seccomp_arch_native");
        _syscallResolveNameArch = (delegate* unmanaged<uint, byte*, int>)Export(handle, "seccomp_syscall_resolve_name_arch");
        _ruleAddArray = (delegate* unmanaged<IntPtr, uint, int, uint, ScmpArgCmp*, int>)Export(handle, "seccomp_rule_add_array");
        _attrSet = (delegate* unmanaged<IntPtr, int, uint, int>)Export(handle, "seccomp_attr_set");
        _exportBpf = (delegate* unmanaged<IntPtr, int, int>)Export(handle, "seccomp_export_bpf");
        _version = (delegate* unmanaged<uint*>)Export(handle, "seccomp_version");
        uint* v = _version();
        Version = new LibSeccompVersion(v[0], v[1], v[2]);
        NativeArch = _archNative();
    }

    /// <summary>The process-wide binding, loaded on first use.</summary>
    /// <exception cref="OciRuntimeException">libseccomp is not installed or too old.</exception>
    public static LibSeccompNative Instance => Shared.Value
        ?? throw new OciRuntimeException($"seccomp: the config asks for a seccomp filter but {LibraryName} cannot be loaded (install libseccomp2)");

    public static bool IsAvailable => Shared.Value is not null;

    public LibSeccompVersion Version { get; }

    public uint NativeArch { get; }

    private static LibSeccompNative? Load()
    {
        if (!NativeLibrary.TryLoad(LibraryName, out IntPtr handle)) return null;
        try
        {
            return new LibSeccompNative(handle);
        }
        catch (EntryPointNotFoundException)
        {
            // A libseccomp older than 2.4 lacks seccomp_version; treat it like a missing library.
            return null;
        }
    }

    private static IntPtr Export(IntPtr handle, string name) => NativeLibrary.GetExport(handle, name);

    public IntPtr Init(uint defaultAction) => _init(defaultAction);

    public void Release(IntPtr filter) => _release(filter);

    public int ArchAdd(IntPtr filter, uint archToken) => _archAdd(filter, archToken);

    public int ArchRemove(IntPtr filter, uint archToken) => _archRemove(filter, archToken);

    // seccomp_syscall_resolve_name(name) is this with SCMP_ARCH_NATIVE.
    public int ResolveSyscall(string name) => ResolveSyscall(name, ScmpArchNative);

    public int ResolveSyscall(string name, uint archToken)
    {
        int length = System.Text.Encoding.UTF8.GetByteCount(name);
        Span<byte> utf8 = length < 256 ? stackalloc byte[length + 1] : new byte[length + 1];
        System.Text.Encoding.UTF8.GetBytes(name, utf8);
        utf8[length] = 0;
        fixed (byte* p = utf8) return _syscallResolveNameArch(archToken, p);
    }

    public int RuleAdd(IntPtr filter, uint action, int syscall, ReadOnlySpan<ScmpArgCmp> args)
    {
        fixed (ScmpArgCmp* p = args) return _ruleAddArray(filter, action, syscall, (uint)args.Length, p);
    }

    public bool KernelAcceptsFlags(SeccompFilterFlags flags) => SeccompSyscalls.KernelAcceptsFlags(flags);

    public int AttrSet(IntPtr filter, ScmpFilterAttribute attribute, uint value) => _attrSet(filter, (int)attribute, value);

    public byte[] ExportBpf(IntPtr filter)
    {
        // seccomp_export_bpf only writes to an fd before libseccomp 2.6; a memfd keeps it off the filesystem.
        int fd;
        fixed (byte* name = "ocirun-seccomp\0"u8) fd = LibC.memfd_create(name, LibC.MFD_CLOEXEC);
        if (fd < 0) throw new OciRuntimeException($"seccomp: memfd_create: {Errno.Describe(LibC.errno)}");
        try
        {
            int rc = _exportBpf(filter, fd);
            if (rc < 0) throw new OciRuntimeException($"seccomp: seccomp_export_bpf: {Errno.Describe(-rc)}");
            stat st;
            if (LibC.fstat(fd, &st) < 0) throw new OciRuntimeException($"seccomp: fstat: {Errno.Describe(LibC.errno)}");
            var program = new byte[(long)st.st_size];
            fixed (byte* p = program)
            {
                long done = 0;
                while (done < program.Length)
                {
                    long n = LibC.pread(fd, p + done, (size_t)(int)(program.Length - done), done);
                    if (n < 0 && LibC.errno == LibC.EINTR) continue;
                    if (n <= 0) throw new OciRuntimeException($"seccomp: reading the exported filter: {Errno.Describe(LibC.errno)}");
                    done += n;
                }
            }
            return program;
        }
        finally
        {
            LibC.close(fd);
        }
    }
}
