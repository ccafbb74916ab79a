using Microsoft.Extensions.AI;

namespace Voxgate.Speech;

/// <summary>
/// What the agent's reply asked the caller for, so that the local engine listens for that kind of answer next (its
/// recogniser weights a language model of such answers in). A brain says it in the reply's
/// <see cref="ChatResponseUpdate.AdditionalProperties"/> under <see cref="ExpectedAnswers.PropertyName"/>; a reply
/// that says nothing expects <see cref="Anything"/>.
/// </summary>
public enum ExpectedAnswer
{
    /// <summary>Nothing in particular: the recogniser listens as it does for a first turn.</summary>
    Anything,

    /// <summary>"Shall I book it?": yes, no, or a change.</summary>
    YesOrNo,

    /// <summary>"May I have your name?": a name, perhaps spelled.</summary>
    Name,

    /// <summary>"Which day?".</summary>
    Day,

    /// <summary>"What time?".</summary>
    Time,

    /// <summary>"What is your booking reference?".</summary>
    Reference,
}

/// <summary>Reads and writes <see cref="ExpectedAnswer"/> in a chat reply's additional properties.</summary>
public static class ExpectedAnswers
{
    /// <summary>The additional property naming the answer a reply expects: an <see cref="ExpectedAnswer"/>, or its name as a string.</summary>
    public const string PropertyName = "voxgate.expected_answer";

    /// <summary>The answer <paramref name="properties"/> say a reply expects; null when they say nothing readable.</summary>
    public static ExpectedAnswer? From(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null || !properties.TryGetValue(PropertyName, out object? value))
        {
            return null;
        }

        return value switch
        {
            ExpectedAnswer answer when Enum.IsDefined(answer) => answer,
            string name when Enum.TryParse(name, ignoreCase: true, out ExpectedAnswer parsed) && Enum.IsDefined(parsed) => parsed,
            _ => null,
        };
    }
}
