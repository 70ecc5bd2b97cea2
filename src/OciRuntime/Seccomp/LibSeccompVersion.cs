namespace OciRuntime.Seccomp;

public readonly record struct LibSeccompVersion(uint Major, uint Minor, uint Micro)
{
    public override string ToString() => $"{Major}.{Minor}.{Micro}";
}
