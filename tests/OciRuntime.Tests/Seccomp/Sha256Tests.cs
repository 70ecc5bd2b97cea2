using System.Text;
using OciRuntime.Seccomp;
using Xunit;

namespace OciRuntime.Tests.Seccomp;

public sealed class Sha256Tests
{
    [Fact]
    public void Known_answers_of_FIPS_180_2()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            Convert.ToHexStringLower(Sha256.Hash("abc"u8)));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            Convert.ToHexStringLower(Sha256.Hash([])));
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            Convert.ToHexStringLower(Sha256.Hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"u8)));
    }

    [Fact]
    public void Agrees_with_the_platform_implementation_at_every_padding_boundary()
    {
        var random = new Random(5736);
        for (var length = 0; length <= 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(data), Sha256.Hash(data));
        }
        var large = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("syscall name ", 5000)));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(large), Sha256.Hash(large));
    }
}
