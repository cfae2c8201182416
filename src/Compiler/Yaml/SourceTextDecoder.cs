using System.Buffers;
using System.Text;
using RuleCompiler.Compiler.Diagnostics;

namespace RuleCompiler.Compiler.Yaml;

/// <summary>
/// Turns a file's bytes into text, or into a diagnostic at the first byte that is not UTF-8 or is a control
/// character YAML forbids. Binary files stop here, before the YAML parser sees them.
/// </summary>
internal static class SourceTextDecoder
{
    public static (string? Text, Diagnostic? Problem) Decode(string path, ReadOnlySpan<byte> bytes)
    {
        var body = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        var line = 1;
        var column = 1;
        var offset = 0;
        while (offset < body.Length)
        {
            var status = Rune.DecodeFromUtf8(body[offset..], out var rune, out var consumed);
            if (status != OperationStatus.Done)
            {
                return (null, Diagnostic.Error(YamlDiagnosticCodes.InvalidUtf8,
                    $"the file is not valid UTF-8 (byte 0x{body[offset]:X2} at offset {offset + bytes.Length - body.Length}); rule files must be UTF-8 text",
                    SourceSpan.At(path, line, column)));
            }

            if (!IsAllowed(rune.Value))
            {
                return (null, Diagnostic.Error(YamlDiagnosticCodes.ControlCharacter,
                    $"control character U+{rune.Value:X4} is not allowed in YAML; is this a binary file?",
                    SourceSpan.At(path, line, column)));
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column += rune.Utf16SequenceLength;
            }

            offset += consumed;
        }

        return (Encoding.UTF8.GetString(body), null);
    }

    // YAML 1.2's printable set: tab, line feed, carriage return, and everything but the C0/C1 controls and DEL
    // (NEL U+0085 is allowed), no surrogates (Rune excludes them), no U+FFFE/U+FFFF.
    private static bool IsAllowed(int c) => c switch
    {
        '\t' or '\n' or '\r' or 0x85 => true,
        < 0x20 or 0x7F => false,
        >= 0x80 and <= 0x9F => false,
        0xFFFE or 0xFFFF => false,
        _ => true,
    };
}
