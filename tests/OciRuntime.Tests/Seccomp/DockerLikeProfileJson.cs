using OciRuntime.Spec;

namespace OciRuntime.Tests.Seccomp;

/// <summary>
/// <see cref="DockerLikeProfile"/> as a container engine writes it into config.json: one allowlist entry, one
/// entry per permitted personality, the clone namespace mask, clone3 answered with ENOSYS, errno EPERM by default.
/// </summary>
internal static class DockerLikeProfileJson
{
    public static string ConfigJson()
    {
        string names = string.Join(", ", DockerLikeProfile.Allowed.Select(name => $"\"{name}\""));
        string personalities = string.Join(",\n", new ulong[] { 0, 8, 131072, 131080, 4294967295 }.Select(persona =>
            $$"""      {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": {{persona}}, "valueTwo": 0, "op": "SCMP_CMP_EQ"}]}"""));
        return $$"""
            {
              "ociVersion": "1.2.0",
              "linux": {
                "seccomp": {
                  "defaultAction": "SCMP_ACT_ERRNO",
                  "defaultErrnoRet": 1,
                  "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                  "syscalls": [
                    {"names": [{{names}}], "action": "SCMP_ACT_ALLOW"},
            {{personalities}},
                    {"names": ["clone"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
                    {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38}
                  ]
                }
              }
            }
            """;
    }

    public static LinuxSeccomp Seccomp() => SpecSerializer.Deserialize(ConfigJson()).Linux!.Seccomp!;
}
