using CrmSync.Core.Contacts;
using CrmSync.Core.Tests.Support;

namespace CrmSync.Core.Tests.Contacts;

public class FieldStateTests
{
    [Fact]
    public void An_empty_state_is_the_shared_one_and_any_other_is_its_own()
    {
        FieldState.Of(null, null, null).Should().BeSameAs(FieldState.Empty);
        FieldState.Of("ann@x.com", "Ann@X.com", Times.At(1)).Should().Be(new FieldState("ann@x.com", "Ann@X.com", Times.At(1)));
        FieldState.Of(null, null, Times.At(2)).Should().Be(new FieldState(null, null, Times.At(2)), "a cleared field keeps when it was cleared");
    }
}
