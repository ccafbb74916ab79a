using System.Text.RegularExpressions;
using Voxgate.Speech.Brain;
using Voxgate.Speech.Recognition;

namespace Voxgate.Speech.Tests.Brain;

public sealed partial class SoundAlikeNamesTests
{
    [Theory]
    [InlineData("Anna Clarke", "Anna Clarke, spelled C L A R K E")]
    [InlineData("Anna Clark", "Anna Clark, spelled C L A R K")]
    [InlineData("Sara Clark", "Sara Clark, spelled S A R A, C L A R K")]
    [InlineData("Matthew Reid", "Matthew Reid, spelled M A T T H E W, R E I D")]
    [InlineData("Jack Taylor", "Jack Taylor")]
    [InlineData("Hannah", "Hannah")]
    public void Spells_only_the_parts_that_sound_like_another_spelling(string name, string readBack)
        => Assert.Equal(readBack, SoundAlikeNames.ReadBack(name));

    [Fact]
    public void Every_group_sounds_the_same_in_the_recognisers_dictionary()
    {
        // The recogniser can write each of these, and cannot tell them apart: one pronunciation is shared by the whole group.
        var pronunciations = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        string dictionary = PocketSphinxModelPaths.FromDirectory(PocketSphinxModelPaths.DefaultModelDirectory).DictionaryFile;
        foreach (string line in File.ReadLines(dictionary))
        {
            string[] parts = line.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
            {
                string word = Variant().Replace(parts[0], "");
                (pronunciations.TryGetValue(word, out HashSet<string>? set) ? set : pronunciations[word] = []).Add(parts[1].Trim());
            }
        }

        foreach (string[] group in SoundAlikeNames.Groups)
        {
            Assert.True(group.Length > 1, string.Join('/', group));
            HashSet<string> shared = [.. pronunciations[group[0]]];
            foreach (string other in group.Skip(1))
            {
                Assert.True(pronunciations.TryGetValue(other, out HashSet<string>? sounds), $"{other} is not in the dictionary");
                shared.IntersectWith(sounds!);
            }

            Assert.True(shared.Count > 0, $"{string.Join('/', group)} do not share a pronunciation");
        }
    }

    [GeneratedRegex(@"\(\d+\)$")]
    private static partial Regex Variant();
}
