using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OciRuntime.Linux;

namespace Ocirun;

/// <summary>The managed half of Native/early_signals.c, linked into the NativeAOT binary only.</summary>
internal static partial class EarlySignals
{
    /// <summary>Gives the main thread back the mask ocirun was started with and records what the runtime's early
    /// threads block. First thing in Main.</summary>
    public static void Settle()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported) RuntimeThreadSignals.Blocked = RestoreSignalMask();
    }

    [LibraryImport("ocirun_early", EntryPoint = "ocirun_restore_signal_mask")]
    [SuppressGCTransition]
    private static partial ulong RestoreSignalMask();
}
