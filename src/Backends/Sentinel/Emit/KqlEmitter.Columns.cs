using RuleCompiler.Backends.Sentinel.Kql;
using RuleCompiler.Compiler.Language.Binding;
using RuleCompiler.Compiler.Language.Bound;

namespace RuleCompiler.Backends.Sentinel.Emit;

internal sealed partial class KqlEmitter
{
    /// <summary>The binder's output column names of the pipeline being emitted (its rows must hold their values at the end).</summary>
    private HashSet<string> _outputNames = new(StringComparer.Ordinal);

    /// <summary>A stage writes the column <paramref name="name"/>: the language column of that name is now the KQL column of that name.</summary>
    private void Write(string name, IEnumerable<BoundAssignment> laterInStage)
    {
        PreserveShadowed(name, laterInStage);
        _rows = _rows.With(name, KqlColumn.Named(name));
    }

    /// <summary>
    /// Writing the KQL column <paramref name="physical"/> would overwrite the value of other language columns read
    /// from it (the fragment's <c>extend UserIdentityArn = ...</c> overwrites the column <c>userIdentity.arn</c> is
    /// read from). When one of them is still read later, its value is first copied to a column of its own name.
    /// </summary>
    private void PreserveShadowed(string physical, IEnumerable<BoundAssignment> laterInStage)
    {
        var shadowed = _rows.Columns.Where(c => c.Key != physical && c.Value.Name == physical).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        if (shadowed.Count == 0)
        {
            return;
        }

        var later = ReferencedLater(laterInStage);
        foreach (var name in shadowed.Where(later.Contains))
        {
            var copy = name;
            for (var n = 2; _rows.Physical.Contains(copy, StringComparer.Ordinal); n++)
            {
                copy = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            _lines.Add($"| extend {KqlText.Identifier(copy)} = {KqlText.Identifier(physical)}");
            _rows = _rows.With(name, _rows.Columns[name] with { Name = copy });
        }
    }

    /// <summary>The column names read after the current point: by the stage's later assignments, later stages, or as output.</summary>
    private HashSet<string> ReferencedLater(IEnumerable<BoundAssignment> laterInStage)
    {
        var uses = new ColumnUses();
        foreach (var assignment in laterInStage)
        {
            uses.Walk(assignment.Value);
        }

        for (var i = _index + 1; i < _stages.Count; i++)
        {
            uses.Walk(_stages[i]);
        }

        uses.Names.UnionWith(_outputNames);
        return uses.Names;
    }

    /// <summary>Every column name a stage or expression reads, conservatively (a join's right side included).</summary>
    private sealed class ColumnUses : BoundTreeWalker
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        protected override void OnExpression(BoundExpression expression)
        {
            if (expression is BoundFieldReference { Resolved: { Kind: ResolvedFieldKind.Column } resolved })
            {
                Names.Add(resolved.ColumnName);
            }
        }

        protected override void OnStage(BoundStage stage)
        {
            IEnumerable<string> names = stage switch
            {
                BoundProjectRename rename => rename.Renames.Select(r => r.From.Name),
                BoundProjectAway away => away.Removed.Select(c => c.Name),
                BoundFillNull fill => (fill.Columns.IsEmpty ? fill.Input.Columns : fill.Columns).Select(c => c.Name),
                BoundJoin join => join.Keys.Select(k => k.Left.Name),
                _ => [],
            };
            Names.UnionWith(names);
        }
    }
}
