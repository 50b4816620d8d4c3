using System.Text;

namespace DrKit.Cli.Tests.Workflows;

/// <summary>One <c>drkit</c> command line found in a workflow's shell script: where it is and its arguments.</summary>
public sealed record DrkitInvocation(string Workflow, string Step, string Line, IReadOnlyList<string> Args)
{
    public override string ToString() => $"{Workflow} / {Step}: {Line.Trim()}";
}

/// <summary>
/// Finds the <c>drkit</c> commands in a shell script the way bash splits them: words (quotes joined, backslash
/// continuations joined), simple commands separated by <c>; &amp;&amp; || |</c> and <c>$( )</c>, redirections dropped.
/// <c>drkit</c> and <c>dotnet drkit</c> (the repository's local tool) count when they are a command's first word.
/// </summary>
internal static class ShellInvocations
{
    private static readonly HashSet<string> Leading = ["if", "then", "else", "elif", "do", "while", "until", "!", "time", "{", "("];
    private static readonly HashSet<string> Separators = [";", "&&", "||", "|", "&", "$(", "(", ")", "`"];

    public static IEnumerable<(string Line, IReadOnlyList<string> Args)> Find(string script)
    {
        foreach (var line in script.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n'))
        {
            foreach (var command in Commands(Words(line)))
            {
                var start = 0;
                while (start < command.Count && Leading.Contains(command[start]))
                {
                    start++;
                }

                if (start < command.Count && command[start] == "dotnet" && start + 1 < command.Count && command[start + 1] == "drkit")
                {
                    start++;
                }

                if (start < command.Count && command[start] == "drkit")
                {
                    yield return (line, command.Skip(start + 1).ToList());
                }
            }
        }
    }

    private static IEnumerable<List<string>> Commands(IEnumerable<(string Word, bool Quoted)> words)
    {
        var current = new List<string>();
        var skipNext = false;
        foreach (var (word, quoted) in words)
        {
            if (skipNext)
            {
                skipNext = false;
                continue;
            }

            if (!quoted && Separators.Contains(word))
            {
                yield return current;
                current = [];
            }
            else if (!quoted && IsRedirection(word, out var takesTarget))
            {
                skipNext = takesTarget;
            }
            else if (!quoted && word.StartsWith('#'))
            {
                break;
            }
            else
            {
                current.Add(word);
            }
        }

        yield return current;
    }

    // >file, >> file, 2>&1, <file: the target is part of the word or the next word.
    private static bool IsRedirection(string word, out bool takesTarget)
    {
        var body = word.TrimStart('0', '1', '2', '&');
        var isRedirection = body.StartsWith('>') || body.StartsWith('<');
        takesTarget = isRedirection && body.TrimStart('>', '<').Length == 0;
        return isRedirection;
    }

    /// <summary>Shell words of one line; operators are words of their own; quotes are removed, their text kept.</summary>
    private static IEnumerable<(string Word, bool Quoted)> Words(string line)
    {
        var word = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is '\'' or '"')
            {
                var end = line.IndexOf(c, i + 1);
                end = end < 0 ? line.Length : end;
                word.Append(line, i + 1, end - i - 1);
                quoted = true;
                i = end;
            }
            else if (char.IsWhiteSpace(c) || c is ';' or '|' or '&' or '(' or ')' or '`')
            {
                if (word.Length > 0 && !(c is '(' && word.ToString() == "$"))
                {
                    yield return (word.ToString(), quoted);
                    word.Clear();
                    quoted = false;
                }

                if (c is '(' && word.ToString() == "$")
                {
                    word.Clear();
                    yield return ("$(", false);
                }
                else if (c is ';' or '(' or ')' or '`')
                {
                    yield return (c.ToString(), false);
                }
                else if (c is '|' or '&')
                {
                    var pair = i + 1 < line.Length && line[i + 1] == c;
                    if (c is '&' && i > 0 && line[i - 1] == '>')
                    {
                        word.Append(c); // 2>&1 stays one redirection word
                        continue;
                    }

                    yield return (pair ? new string(c, 2) : c.ToString(), false);
                    i += pair ? 1 : 0;
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            yield return (word.ToString(), quoted);
        }
    }
}
