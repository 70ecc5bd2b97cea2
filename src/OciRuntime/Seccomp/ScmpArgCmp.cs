using System.Runtime.InteropServices;

namespace OciRuntime.Seccomp;

/// <summary><c>struct scmp_arg_cmp</c> from seccomp.h: one argument comparison of a rule.</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly record struct ScmpArgCmp(uint Arg, ScmpCompare Op, ulong DatumA, ulong DatumB);

/// <summary><c>enum scmp_compare</c>.</summary>
internal enum ScmpCompare : uint
{
    NotEqual = 1,
    LessThan = 2,
    LessOrEqual = 3,
    Equal = 4,
    GreaterOrEqual = 5,
    GreaterThan = 6,
    MaskedEqual = 7,
}
