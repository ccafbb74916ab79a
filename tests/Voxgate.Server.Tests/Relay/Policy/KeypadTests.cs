using Voxgate.Server.Relay.Policy;

namespace Voxgate.Server.Tests.Relay.Policy;

public sealed class KeypadTests
{
    [Fact]
    public void Keys_gather_into_one_entry_the_model_reads_as_the_caller_pressing_them()
    {
        var keypad = new Keypad();
        Assert.False(keypad.OnKey("1"));
        Assert.False(keypad.OnKey("2"));
        Assert.True(keypad.Pending);

        Assert.Equal("The caller pressed 1 2", keypad.Take());
        Assert.False(keypad.Pending);
        Assert.Null(keypad.Take());
    }

    [Fact]
    public void Hash_ends_an_entry_and_alone_is_a_key_of_its_own()
    {
        var keypad = new Keypad();
        keypad.OnKey("4");
        Assert.True(keypad.OnKey("#"));
        Assert.Equal("The caller pressed 4", keypad.Take());

        Assert.True(keypad.OnKey("#"));
        Assert.Equal("The caller pressed #", keypad.Take());
    }
}
