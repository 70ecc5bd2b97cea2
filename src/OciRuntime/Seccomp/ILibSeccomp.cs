namespace OciRuntime.Seccomp;

/// <summary>
/// The libseccomp calls the compiler makes (plus one kernel probe), behind an interface so unit tests can record the sequence a profile
/// turns into without loading the library. Return codes follow libseccomp: 0 or a negative errno.
/// </summary>
internal interface ILibSeccomp
{
    LibSeccompVersion Version { get; }

    /// <summary>AUDIT_ARCH_* token of the architecture this process runs on.</summary>
    uint NativeArch { get; }

    /// <returns>An opaque filter context; <see cref="IntPtr.Zero"/> when libseccomp rejects the default action.</returns>
    IntPtr Init(uint defaultAction);

    void Release(IntPtr filter);

    int ArchAdd(IntPtr filter, uint archToken);

    int ArchRemove(IntPtr filter, uint archToken);

    /// <returns>The syscall number (negative pseudo-numbers for syscalls only other architectures have) or
    /// <see cref="LibSeccompConstants.NrScmpError"/> when no architecture knows the name.</returns>
    int ResolveSyscall(string name);

    /// <summary>The number of <paramref name="name"/> on one architecture (x32's with bit 30 set).</summary>
    /// <returns>A negative pseudo-number when the architecture lacks the syscall, or
    /// <see cref="LibSeccompConstants.NrScmpError"/> when libseccomp does not know the name.</returns>
    int ResolveSyscall(string name, uint archToken);

    int RuleAdd(IntPtr filter, uint action, int syscall, ReadOnlySpan<ScmpArgCmp> args);

    int AttrSet(IntPtr filter, ScmpFilterAttribute attribute, uint value);

    /// <summary>The filter as the BPF program the kernel takes (8 bytes per instruction).</summary>
    byte[] ExportBpf(IntPtr filter);

    /// <summary>Whether the running kernel accepts these SECCOMP_FILTER_FLAG_*s, for flags libseccomp does not
    /// know; part of the seam so tests decide the answer.</summary>
    bool KernelAcceptsFlags(SeccompFilterFlags flags);
}
