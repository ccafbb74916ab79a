namespace Voxgate.Server.Benchmarking;

/// <summary>Word error rate: the word-level edit distance between a reference and a hypothesis.</summary>
internal readonly record struct WordErrorRate(int Substitutions, int Deletions, int Insertions, int ReferenceWords)
{
    /// <summary>(S + D + I) / N; 0 for an empty reference and hypothesis.</summary>
    public double Rate => ReferenceWords == 0 ? (Errors == 0 ? 0 : 1) : (double)Errors / ReferenceWords;

    public int Errors => Substitutions + Deletions + Insertions;

    public static WordErrorRate operator +(WordErrorRate a, WordErrorRate b)
        => new(a.Substitutions + b.Substitutions, a.Deletions + b.Deletions, a.Insertions + b.Insertions, a.ReferenceWords + b.ReferenceWords);

    /// <summary>Aligns the two texts (lower case, punctuation dropped) with the fewest edits and counts them.</summary>
    public static WordErrorRate Compute(string reference, string hypothesis)
    {
        string[] r = Words(reference);
        string[] h = Words(hypothesis);

        // cost[i, j]: edits turning the first i reference words into the first j hypothesis words.
        var cost = new (int Total, int S, int D, int I)[r.Length + 1, h.Length + 1];
        for (int i = 1; i <= r.Length; i++)
        {
            cost[i, 0] = (i, 0, i, 0);
        }

        for (int j = 1; j <= h.Length; j++)
        {
            cost[0, j] = (j, 0, 0, j);
        }

        for (int i = 1; i <= r.Length; i++)
        {
            for (int j = 1; j <= h.Length; j++)
            {
                var diagonal = cost[i - 1, j - 1];
                bool same = string.Equals(r[i - 1], h[j - 1], StringComparison.Ordinal);
                (int Total, int S, int D, int I) best = same ? diagonal : (diagonal.Total + 1, diagonal.S + 1, diagonal.D, diagonal.I);
                var up = cost[i - 1, j];
                if (up.Total + 1 < best.Total)
                {
                    best = (up.Total + 1, up.S, up.D + 1, up.I);
                }

                var left = cost[i, j - 1];
                if (left.Total + 1 < best.Total)
                {
                    best = (left.Total + 1, left.S, left.D, left.I + 1);
                }

                cost[i, j] = best;
            }
        }

        var end = cost[r.Length, h.Length];
        return new WordErrorRate(end.S, end.D, end.I, r.Length);
    }

    /// <summary>Lower-case words with everything but letters, digits and apostrophes removed.</summary>
    public static string[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = new char[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            cleaned[i] = char.IsLetterOrDigit(c) || c == '\'' ? char.ToLowerInvariant(c) : ' ';
        }

        return new string(cleaned).Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}
