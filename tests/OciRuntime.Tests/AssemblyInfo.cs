// ocirun is a Linux runtime: every API it uses exists only there.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
