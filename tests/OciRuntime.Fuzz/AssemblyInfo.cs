// The library is Linux-only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
