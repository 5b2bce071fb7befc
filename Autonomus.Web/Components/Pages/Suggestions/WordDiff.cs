using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Autonomus.Web.Components.Pages.Suggestions;

/// <summary>A word-level diff of two texts (DiffPlex), as runs of unchanged, deleted and inserted text.</summary>
public static class WordDiff
{
    public enum Kind { Same, Deleted, Inserted }

    public sealed record Run(string Text, Kind Kind);

    public static IReadOnlyList<Run> Of(string? before, string? after)
    {
        var model = new InlineDiffBuilder(Differ.Instance)
            .BuildDiffModel(before ?? "", after ?? "", ignoreWhitespace: false, ignoreCase: false, WordChunker.Instance);
        var runs = new List<Run>();
        foreach (var piece in model.Lines)
        {
            var kind = piece.Type switch { ChangeType.Deleted => Kind.Deleted, ChangeType.Inserted => Kind.Inserted, _ => Kind.Same };
            // Adjacent pieces of one kind merge, so the markup stays small and reads as phrases.
            if (runs.Count > 0 && runs[^1].Kind == kind) runs[^1] = runs[^1] with { Text = runs[^1].Text + piece.Text };
            else runs.Add(new Run(piece.Text ?? "", kind));
        }
        return runs;
    }
}
