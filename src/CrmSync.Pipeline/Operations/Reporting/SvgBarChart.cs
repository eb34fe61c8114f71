using System.Globalization;
using System.Net;
using System.Text;

namespace CrmSync.Pipeline.Operations.Reporting;

/// <summary>A vertical bar chart as inline SVG (no script, no external assets); each bar carries a tooltip.</summary>
public static class SvgBarChart
{
    private const int Width = 720, Height = 220, Left = 56, Bottom = 28, Top = 12;

    /// <param name="bars">Label (tooltip and, when few bars, axis text), value, CSS colour.</param>
    /// <param name="format">How the axis maximum and tooltips show a value.</param>
    public static string Render(string title, IReadOnlyList<(string Label, double Value, string Color)> bars, Func<double, string> format)
    {
        ArgumentNullException.ThrowIfNull(bars);
        ArgumentNullException.ThrowIfNull(format);
        var svg = new StringBuilder();
        Append(svg, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Escape(title)}\">");
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var plotHeight = Height - Bottom - Top;
        Append(svg, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\" stroke=\"#999\"/>");
        Append(svg, $"<text x=\"{Left - 6}\" y=\"{Top + 10}\" text-anchor=\"end\" font-size=\"11\">{Escape(format(max))}</text>");
        Append(svg, $"<text x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\" font-size=\"11\">0</text>");
        if (bars.Count == 0)
        {
            Append(svg, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#666\">no data yet</text>");
        }

        var slot = (double)(Width - Left - 8) / Math.Max(1, bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value, color) = bars[i];
            var height = max > 0 ? value / max * plotHeight : 0;
            var x = Left + 4 + (i * slot);
            Append(svg, $"<rect x=\"{x:0.#}\" y=\"{Height - Bottom - height:0.#}\" width=\"{Math.Max(1, slot - 4):0.#}\" height=\"{height:0.#}\" fill=\"{color}\"><title>{Escape(label)}: {Escape(format(value))}</title></rect>");
            if (bars.Count <= 12)
            {
                Append(svg, $"<text x=\"{x + (slot / 2) - 2:0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"10\">{Escape(Shorten(label))}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Shorten(string label) => label.Length <= 14 ? label : label[..13] + "…";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static void Append(StringBuilder svg, FormattableString text) => svg.Append(text.ToString(CultureInfo.InvariantCulture));
}
