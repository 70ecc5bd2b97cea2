namespace OciRuntime.Seccomp;

/// <summary><c>enum scmp_filter_attr</c> (libseccomp 2.5; the values are stable across releases).</summary>
internal enum ScmpFilterAttribute
{
    DefaultAction = 1,
    BadArchAction = 2,
    NoNewPrivs = 3,
    ThreadSync = 4,
    ApiTskip = 5,
    Log = 6,
    SpecStoreBypass = 7,
    Optimize = 8,
    ApiSysRawRc = 9,
    WaitKill = 10,
}
