using RuleCompiler.Compiler.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace RuleCompiler.Importers.Escu;

/// <summary>
/// Maps a character of a YAML scalar's value to its line and column in the file, whatever the scalar's style:
/// the value and the raw text are walked together, and raw characters the value does not hold (the quotes, the
/// doubled quote of a single-quoted scalar, escapes, indentation and line breaks that folding turned into a
/// space) are stepped over.
/// </summary>
internal sealed class YamlScalarPositions
{
    private readonly string _path;
    private readonly string _file;
    private readonly int[] _fileOffsets;

    public YamlScalarPositions(string path, string file, YamlScalarNode node)
    {
        _path = path;
        _file = file;
        var value = node.Value ?? "";
        _fileOffsets = new int[value.Length + 1];
        var raw = (int)Math.Min(node.Start.Index, file.Length);
        var end = (int)Math.Min(node.End.Index, file.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var seek = raw;
            while (seek < end && file[seek] != value[i])
            {
                seek++;
            }

            // A value character the raw text does not hold literally (an escape): keep the last position.
            raw = seek < end ? seek : raw;
            _fileOffsets[i] = raw;
            if (seek < end)
            {
                raw++;
            }
        }

        _fileOffsets[value.Length] = raw;
    }

    public SourceSpan At(int valueOffset)
    {
        var offset = _fileOffsets[Math.Clamp(valueOffset, 0, _fileOffsets.Length - 1)];
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (_file[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return SourceSpan.At(_path, line, offset - lineStart + 1);
    }
}
