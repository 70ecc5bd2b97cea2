using OciRuntime.Container.State;
using Xunit;

namespace OciRuntime.Tests.State;

public class UserNamesTests
{
    [Fact]
    public void Uid_0_is_root() => Assert.Equal("root", UserNames.Of(0));

    [Fact]
    public void A_uid_without_a_passwd_entry_reads_as_hash_uid() => Assert.Equal("#3999999", UserNames.Of(3999999));

    [Fact]
    public void The_current_user_has_a_name_or_hash_uid() => Assert.False(string.IsNullOrEmpty(UserNames.OfCurrentUser()));
}
