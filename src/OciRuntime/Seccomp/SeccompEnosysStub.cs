using static OciRuntime.Seccomp.LibSeccompConstants;
using Label = OciRuntime.Seccomp.ClassicBpfWriter.Label;

namespace OciRuntime.Seccomp;

/// <summary>
/// runc's -ENOSYS stub (libcontainer/seccomp/patchbpf), prepended to the filter libseccomp exports: on each
/// architecture of the profile, a syscall numbered above the highest one the profile names gets ENOSYS instead of
/// the default action. Such a syscall is newer than the profile, so a program treats it as missing and falls back
/// (glibc from clone3 to clone, openat2 to openat...), where EPERM or a kill would break it.
/// </summary>
/// <remarks>
/// Like runc: only a profile whose default refuses (not ALLOW, LOG or TRACE) gets a stub; only the listed
/// architectures are covered; the highest number counts every rule whatever its action, resolved per
/// architecture, and an architecture whose highest is 0 gets no section. x86_64 and x32 share one audit
/// architecture and differ in bit 30 of the number, so each mode gets its own limit. On s390 and s390x syscall 0
/// is what the kernel leaves for an unknown number, so it gets ENOSYS too. Unlike runc the native architecture
/// is dispatched first, so the usual syscall runs five stub instructions.
/// </remarks>
internal static class SeccompEnosysStub
{
    private const uint ENOSYS = 38;
    private const uint X32SyscallBit = 0x40000000;
    private const uint NrOffset = 0, ArchOffset = 4; // struct seccomp_data

    private const uint AuditArchX86_64 = 0xc000003e, ScmpArchX32 = 0x4000003e;
    private const uint AuditArchS390 = 0x00000016, AuditArchS390X = 0x80000016;

    /// <summary>The highest syscall number per mode of one audit architecture; 0 where the mode is not covered.
    /// <paramref name="Highest"/> is the plain mode (x86_64 without bit 30 on that architecture).</summary>
    private readonly record struct Section(uint AuditArch, uint Highest, uint HighestX32);

    /// <returns>The stub's instructions, or none when the profile needs no stub.</returns>
    public static byte[] Build(SeccompProfile profile, ILibSeccomp lib)
    {
        if (!RefusesByDefault(profile.DefaultAction)) return [];
        List<Section> sections = Sections(profile, lib);
        return sections.Count == 0 ? [] : Assemble(sections, lib.NativeArch);
    }

    // ERRNO(ENOSYS) as the default already answers ENOSYS for every number the filter does not name.
    private static bool RefusesByDefault(uint action) =>
        (action & 0xffff0000) is not (ActAllow or ActLog or ActTraceBase) && action != ActErrno(ENOSYS);

    private static List<Section> Sections(SeccompProfile profile, ILibSeccomp lib)
    {
        var sections = new List<Section>();
        foreach (uint arch in profile.Architectures.Distinct())
        {
            uint highest = 0;
            foreach (SeccompRule rule in profile.Rules)
            {
                // Negative: unknown, or a pseudo-number for a syscall this architecture lacks.
                int number = lib.ResolveSyscall(rule.Name, arch);
                if (number > 0 && (uint)number > highest) highest = (uint)number;
            }
            if (highest == 0)
            {
                RuntimeLog.Debug($"seccomp: no syscall of the profile exists on architecture 0x{arch:x8}; it gets no -ENOSYS section");
                continue;
            }
            uint auditArch = arch == ScmpArchX32 ? AuditArchX86_64 : arch;
            int index = sections.FindIndex(section => section.AuditArch == auditArch);
            Section current = index >= 0 ? sections[index] : new Section(auditArch, 0, 0);
            current = arch == ScmpArchX32 ? current with { HighestX32 = highest } : current with { Highest = highest };
            if (index >= 0) sections[index] = current;
            else sections.Add(current);
        }
        return sections;
    }

    /// <summary>
    /// <code>
    ///   ld arch; jeq ARCH_1 → s1; ...; ja filter
    /// s1: ld nr; [mode check]; jgt HIGHEST → enosys, else → filter
    ///   ...
    /// enosys: ret ERRNO(ENOSYS)
    /// filter: (libseccomp's program, which loads what it needs itself)
    /// </code>
    /// </summary>
    private static byte[] Assemble(List<Section> sections, uint nativeArch)
    {
        // The native architecture first: its syscalls are nearly all a container makes.
        sections = [.. sections.OrderBy(section => section.AuditArch == nativeArch ? 0 : 1)];
        var bpf = new ClassicBpfWriter();
        Label enosys = bpf.NewLabel(), filter = bpf.NewLabel();
        var starts = sections.Select(_ => bpf.NewLabel()).ToList();

        bpf.Load(ArchOffset);
        for (int i = 0; i < sections.Count; i++) bpf.JumpIf(ClassicBpfWriter.JumpEqual, sections[i].AuditArch, starts[i], Label.Next);
        bpf.Jump(filter);
        for (int i = 0; i < sections.Count; i++)
        {
            bpf.Mark(starts[i]);
            WriteSection(bpf, sections[i], enosys, filter);
        }
        bpf.Mark(enosys);
        bpf.Ret(ActErrno(ENOSYS));
        bpf.Mark(filter);
        return bpf.ToArray();
    }

    private static void WriteSection(ClassicBpfWriter bpf, Section section, Label enosys, Label filter)
    {
        bpf.Load(NrOffset);
        if (section.AuditArch is AuditArchS390 or AuditArchS390X)
            bpf.JumpIf(ClassicBpfWriter.JumpEqual, 0, enosys, Label.Next);
        if (section.AuditArch != AuditArchX86_64)
        {
            bpf.JumpIf(ClassicBpfWriter.JumpGreater, section.Highest, enosys, filter);
            return;
        }
        // x32 numbers carry bit 30, and libseccomp resolves x32 names with it, so both compare whole numbers.
        if (section.HighestX32 == 0)
        {
            bpf.JumpIf(ClassicBpfWriter.JumpBitsSet, X32SyscallBit, filter, Label.Next);
            bpf.JumpIf(ClassicBpfWriter.JumpGreater, section.Highest, enosys, filter);
        }
        else if (section.Highest == 0)
        {
            bpf.JumpIf(ClassicBpfWriter.JumpBitsSet, X32SyscallBit, Label.Next, filter);
            bpf.JumpIf(ClassicBpfWriter.JumpGreater, section.HighestX32, enosys, filter);
        }
        else
        {
            Label x32 = bpf.NewLabel();
            bpf.JumpIf(ClassicBpfWriter.JumpBitsSet, X32SyscallBit, x32, Label.Next);
            bpf.JumpIf(ClassicBpfWriter.JumpGreater, section.Highest, enosys, filter);
            bpf.Mark(x32);
            bpf.JumpIf(ClassicBpfWriter.JumpGreater, section.HighestX32, enosys, filter);
        }
    }
}
