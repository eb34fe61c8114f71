using System.Globalization;
using System.Text;

namespace CrmSync.Sandbox.Dynamics;

/// <summary>
/// Parses the $filter subset the emulator supports: eq ne gt ge lt le, and, or, not, parentheses,
/// null/true/false, integers, datetimes, guids and single-quoted strings with doubled quotes.
/// Anything else is a 400, as Dataverse answers a query it cannot parse.
/// </summary>
internal sealed class ODataFilterParser
{
    private static readonly HashSet<string> ComparisonOperators = ["eq", "ne", "gt", "ge", "lt", "le"];
    private readonly List<Token> _tokens;
    private int _position;

    private ODataFilterParser(string filter) => _tokens = Tokenize(filter);

    public static ODataFilterNode Parse(string filter)
    {
        var parser = new ODataFilterParser(filter);
        var node = parser.ParseOr();
        if (parser._position != parser._tokens.Count)
            throw Error($"Syntax error at position {parser._tokens[parser._position].Position} in '{filter}'.");
        return node;
    }

    private ODataFilterNode ParseOr()
    {
        var left = ParseAnd();
        while (TakeWord("or")) left = new ODataOrNode(left, ParseAnd());
        return left;
    }

    private ODataFilterNode ParseAnd()
    {
        var left = ParseUnary();
        while (TakeWord("and")) left = new ODataAndNode(left, ParseUnary());
        return left;
    }

    private ODataFilterNode ParseUnary()
    {
        if (TakeWord("not")) return new ODataNotNode(ParseUnary());
        if (Peek() is { Kind: TokenKind.Open })
        {
            _position++;
            var inner = ParseOr();
            if (Peek() is not { Kind: TokenKind.Close }) throw Error("Expected ')'.");
            _position++;
            return inner;
        }
        var attribute = Next("an attribute name");
        if (attribute.Kind != TokenKind.Word) throw Error($"Expected an attribute name at position {attribute.Position}.");
        DynamicsContactValues.EnsureKnown(attribute.Text);
        var op = Next("a comparison operator");
        if (op.Kind != TokenKind.Word || !ComparisonOperators.Contains(op.Text))
            throw Error($"Unsupported operator '{op.Text}' at position {op.Position}.");
        var literal = ParseLiteral(Next("a literal"));
        CheckType(attribute.Text, literal);
        return new ODataComparisonNode(attribute.Text, op.Text, literal);
    }

    /// <summary>Dataverse rejects a comparison of a column with a literal of another type, even when no row would be compared.</summary>
    private static void CheckType(string attribute, object? literal)
    {
        if (literal is null) return;
        var kind = attribute == "versionnumber" ? DynamicsAttributeKind.Picklist : DynamicsContactSchema.Attributes[attribute].Kind;
        var fits = kind switch
        {
            DynamicsAttributeKind.Text => literal is string,
            DynamicsAttributeKind.Picklist => literal is long,
            DynamicsAttributeKind.Boolean => literal is bool,
            DynamicsAttributeKind.Key or DynamicsAttributeKind.Lookup => literal is Guid,
            DynamicsAttributeKind.DateTime => literal is DateTimeOffset,
            _ => false,
        };
        if (!fits)
            throw DynamicsServiceException.BadRequest(DynamicsErrorCodes.QueryParseError,
                $"A binary operator with incompatible types was detected. Found operand types '{kind}' and '{literal.GetType().Name}' for '{attribute}'.");
    }

    private static object? ParseLiteral(Token token)
    {
        if (token.Kind == TokenKind.Quoted) return token.Text;
        var text = token.Text;
        if (text == "null") return null;
        if (text is "true" or "false") return text == "true";
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
        if (Guid.TryParseExact(text, "D", out var guid)) return guid;
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            return date;
        throw Error($"Unrecognized literal '{text}' at position {token.Position}.");
    }

    private bool TakeWord(string word)
    {
        if (Peek() is { Kind: TokenKind.Word } token && token.Text == word)
        {
            _position++;
            return true;
        }
        return false;
    }

    private Token? Peek() => _position < _tokens.Count ? _tokens[_position] : null;

    private Token Next(string expected) =>
        _position < _tokens.Count ? _tokens[_position++] : throw Error($"Expected {expected} at the end of the filter.");

    private static List<Token> Tokenize(string filter)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '(') { tokens.Add(new Token(TokenKind.Open, "(", i++)); continue; }
            if (c == ')') { tokens.Add(new Token(TokenKind.Close, ")", i++)); continue; }
            if (c == '\'')
            {
                var start = i++;
                var text = new StringBuilder();
                while (true)
                {
                    if (i >= filter.Length) throw Error($"Unterminated string literal starting at position {start}.");
                    if (filter[i] == '\'')
                    {
                        if (i + 1 < filter.Length && filter[i + 1] == '\'') { text.Append('\''); i += 2; continue; }
                        i++;
                        break;
                    }
                    text.Append(filter[i++]);
                }
                tokens.Add(new Token(TokenKind.Quoted, text.ToString(), start));
                continue;
            }
            var wordStart = i;
            while (i < filter.Length && !char.IsWhiteSpace(filter[i]) && filter[i] is not '(' and not ')' and not '\'') i++;
            tokens.Add(new Token(TokenKind.Word, filter[wordStart..i], wordStart));
        }
        return tokens;
    }

    private static DynamicsServiceException Error(string message) =>
        DynamicsServiceException.BadRequest(DynamicsErrorCodes.QueryParseError, "Invalid $filter: " + message);

    private enum TokenKind { Word, Quoted, Open, Close }

    private sealed record Token(TokenKind Kind, string Text, int Position);
}
