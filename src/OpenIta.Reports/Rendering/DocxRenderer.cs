using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using OpenIta.Reports.Documents;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace OpenIta.Reports.Rendering;

/// <summary>Renders a <see cref="ReportDocument"/> as a Word document: A4, margins of Thai official documents
/// (2.5 cm left, 2 cm elsewhere), "TH Sarabun New" 16 pt with Thai as complex script (cs fonts and szCs sizes,
/// th-TH language) so Word shapes and breaks Thai with the real font, and LibreOffice falls back to Laksaman.
/// Tables are set in 14 pt, as Thai official tables usually are.</summary>
public sealed class DocxRenderer
{
    private const int PageWidth = 11906;   // A4 in twips (1/20 pt)
    private const int PageHeight = 16838;
    private const int LeftMargin = 1417;   // 2.5 cm
    private const int OtherMargin = 1134;  // 2 cm
    private const string HeaderFill = "D9D9D9";
    private const string MarkFill = "7F7F7F";

    public byte[] Render(ReportDocument document)
    {
        using var stream = new MemoryStream();
        Render(document, stream);
        return stream.ToArray();
    }

    public void Render(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new DocumentText(document.Options);
        var landscape = document.Options.Landscape;
        var textWidth = (landscape ? PageHeight : PageWidth) - LeftMargin - OtherMargin;
        using (var package = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document, autoSave: true))
        {
            var main = package.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles();
            var body = new Body();
            FrontMatter(body, document.Options, text);
            foreach (var block in document.Blocks)
            {
                switch (block)
                {
                    case Heading h:
                        body.Append(Para([new Documents.Run(text.Digits(h.Text))], style: "Heading" + h.Level));
                        break;
                    case Documents.Paragraph p:
                        body.Append(Para([.. p.Runs.Select(r => r with { Text = text.Digits(r.Text) })], p.Align, firstLineIndent: p.FirstLineIndent));
                        break;
                    case ListBlock l:
                        for (var i = 0; i < l.Items.Count; i++)
                        {
                            var runs = new List<Documents.Run> { new(text.ListMarker(l.Numbered, i) + "\t") };
                            runs.AddRange(l.Items[i].Select(r => r with { Text = text.Digits(r.Text) }));
                            body.Append(Para(runs, hanging: true));
                        }
                        break;
                    case Documents.Table t:
                        if (t.Caption is { } caption)
                        {
                            body.Append(Para([new Documents.Run(text.Digits(caption), Bold: true)], keepNext: true));
                        }
                        body.Append(Table(t, text, textWidth));
                        body.Append(Para([]));
                        break;
                    case Documents.PageBreak:
                        body.Append(new W.Paragraph(new W.Run(new Break { Type = BreakValues.Page })));
                        break;
                    case SignatureBlock s:
                        // The block stays on one page: every line keeps with the next.
                        body.Append(Para([], keepNext: true));
                        var lines = text.SignatureLines(s);
                        for (var i = 0; i < lines.Count; i++)
                        {
                            body.Append(Para([new Documents.Run(lines[i])], TextAlign.Center, keepNext: i < lines.Count - 1, signature: true));
                        }
                        break;
                    case Graphic g:
                        body.Append(Para([new Documents.Run(text.Digits(g.AltText))], TextAlign.Center));
                        break;
                    default:
                        throw new NotSupportedException($"No DOCX rendering for {block.GetType().Name}.");
                }
            }
            body.Append(new SectionProperties(
                landscape
                    ? new W.PageSize { Width = PageHeight, Height = PageWidth, Orient = PageOrientationValues.Landscape }
                    : new W.PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin
                {
                    Top = OtherMargin, Bottom = OtherMargin, Left = LeftMargin, Right = OtherMargin,
                    Header = 720, Footer = 720, Gutter = 0,
                }));
            main.Document = new Document(body);
        }
    }

    private static void FrontMatter(Body body, DocumentOptions o, DocumentText text)
    {
        if (o.Agency is { } agency)
        {
            body.Append(Para([new Documents.Run(text.Digits(agency.Name), Bold: true)], TextAlign.Center));
            foreach (var line in agency.Lines)
            {
                body.Append(Para([new Documents.Run(text.Digits(line))], TextAlign.Center));
            }
        }
        body.Append(Para([new Documents.Run(text.Digits(o.Title))], style: "Title"));
        if (o.Subtitle is { } subtitle)
        {
            body.Append(Para([new Documents.Run(text.Digits(subtitle), Bold: true)], TextAlign.Center));
        }
        if (text.FiscalYearLine is { } fy)
        {
            body.Append(Para([new Documents.Run(fy, Bold: true)], TextAlign.Center));
        }
        if (text.DateLine is { } date)
        {
            body.Append(Para([new Documents.Run(date)], TextAlign.Center));
        }
    }

    private static W.Paragraph Para(IReadOnlyList<Documents.Run> runs, TextAlign align = TextAlign.Left, string? style = null,
        bool firstLineIndent = false, bool hanging = false, bool keepNext = false, bool signature = false, bool inCell = false)
    {
        var props = new ParagraphProperties();
        if (style is not null)
        {
            props.Append(new ParagraphStyleId { Val = style });
        }
        if (keepNext)
        {
            props.Append(new KeepNext());
        }
        if (inCell)
        {
            props.Append(new SpacingBetweenLines { Before = "0", After = "0" });
        }
        if (firstLineIndent)
        {
            props.Append(new Indentation { FirstLine = "1418" }); // 2.5 cm, as in Thai memos
        }
        else if (hanging)
        {
            props.Append(new Indentation { Left = "851", Hanging = "426" });
        }
        else if (signature)
        {
            props.Append(new Indentation { Left = "4536" }); // the signature sits in the right half
        }
        if (align != TextAlign.Left)
        {
            props.Append(new Justification { Val = align switch
            {
                TextAlign.Center => JustificationValues.Center,
                TextAlign.Right => JustificationValues.Right,
                _ => JustificationValues.Both,
            } });
        }
        var paragraph = new W.Paragraph(props);
        foreach (var run in runs)
        {
            var r = new W.Run();
            if (run.Bold)
            {
                r.Append(new W.RunProperties(new Bold(), new BoldComplexScript()));
            }
            var lines = run.Text.Split('\n');
            for (var l = 0; l < lines.Length; l++)
            {
                if (l > 0)
                {
                    r.Append(new Break());
                }
                var parts = lines[l].Split('\t');
                for (var i = 0; i < parts.Length; i++)
                {
                    if (i > 0)
                    {
                        r.Append(new TabChar());
                    }
                    r.Append(new Text(DocumentText.Safe(parts[i])) { Space = SpaceProcessingModeValues.Preserve });
                }
            }
            paragraph.Append(r);
        }
        return paragraph;
    }

    private static W.Table Table(Documents.Table t, DocumentText text, int textWidth)
    {
        var total = t.ColumnWidths.Sum();
        var widths = t.ColumnWidths.Select(w => (int)Math.Round(w / total * textWidth)).ToArray();
        var border = (BorderType b) =>
        {
            b.Val = BorderValues.Single;
            b.Size = 4;
            b.Color = "000000";
            return b;
        };
        var table = new W.Table(new TableProperties(
            new TableWidth { Width = textWidth.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableBorders(
                border(new TopBorder()), border(new LeftBorder()), border(new BottomBorder()),
                border(new RightBorder()), border(new InsideHorizontalBorder()), border(new InsideVerticalBorder())),
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableCellMarginDefault(
                new TopMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 85, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "0", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 85, Type = TableWidthValues.Dxa })));
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var style = t.Compact ? "TableTextCompact" : "TableText";
        AppendRows(table, t.HeaderRows, widths, header: true, text, style);
        AppendRows(table, t.BodyRows, widths, header: false, text, style, t.RowsMayBreak);
        return table;
    }

    private static void AppendRows(W.Table table, IReadOnlyList<Documents.TableRow> rows, int[] widths, bool header, DocumentText text, string style,
        bool rowsMayBreak = false)
    {
        foreach (var placedRow in CellGrid.Place(rows, widths.Length))
        {
            var row = new W.TableRow();
            var rowProps = header || !rowsMayBreak ? new TableRowProperties(new CantSplit()) : new TableRowProperties();
            if (header)
            {
                rowProps.Append(new TableHeader());
            }
            row.Append(rowProps);
            foreach (var placed in placedRow)
            {
                var cell = placed.Cell;
                var width = widths.Skip(placed.Column).Take(cell.ColumnSpan).Sum();
                var props = new TableCellProperties(new TableCellWidth
                {
                    Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Type = TableWidthUnitValues.Dxa,
                });
                if (cell.ColumnSpan > 1)
                {
                    props.Append(new GridSpan { Val = cell.ColumnSpan });
                }
                if (cell.RowSpan > 1)
                {
                    props.Append(new VerticalMerge { Val = placed.Continuation ? MergedCellValues.Continue : MergedCellValues.Restart });
                }
                var fill = cell.Marked ? MarkFill : header ? HeaderFill : null;
                if (fill is not null)
                {
                    props.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill });
                }
                props.Append(new TableCellVerticalAlignment { Val = header ? TableVerticalAlignmentValues.Center : TableVerticalAlignmentValues.Top });
                var align = header ? TextAlign.Center : cell.Align switch
                {
                    CellAlign.Center => TextAlign.Center,
                    CellAlign.Right => TextAlign.Right,
                    _ => TextAlign.Left,
                };
                var runs = placed.Continuation || cell.Text.Length == 0
                    ? []
                    : new[] { new Documents.Run(text.Digits(cell.Text), Bold: header || cell.Bold) };
                row.Append(new W.TableCell(props, Para(runs, align, style: style, inCell: true)));
            }
            table.Append(row);
        }
    }

    private static Styles Styles()
    {
        RunFonts Fonts() => new()
        {
            Ascii = DocumentText.FontName, HighAnsi = DocumentText.FontName,
            ComplexScript = DocumentText.FontName, EastAsia = DocumentText.FontName,
        };
        static OpenXmlElement[] Size(int points) =>
            [new FontSize { Val = (points * 2).ToString(System.Globalization.CultureInfo.InvariantCulture) },
             new FontSizeComplexScript { Val = (points * 2).ToString(System.Globalization.CultureInfo.InvariantCulture) }];

        var styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                Fonts(), Size(16)[0], Size(16)[1],
                new Languages { Val = "th-TH", EastAsia = "th-TH", Bidi = "th-TH" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { Before = "0", After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));

        styles.Append(new Style(
            new StyleName { Val = "Normal" }, new PrimaryStyle(),
            new StyleRunProperties(Fonts(), Size(16)[0], Size(16)[1]))
        { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });

        styles.Append(new Style(
            new StyleName { Val = "Title" }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines { Before = "120", After = "0" }, new Justification { Val = JustificationValues.Center }),
            new StyleRunProperties(new Bold(), new BoldComplexScript(), Size(20)[0], Size(20)[1]))
        { Type = StyleValues.Paragraph, StyleId = "Title" });

        styles.Append(new Style(
            new StyleName { Val = "Table Text" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
            new StyleRunProperties(Size(14)[0], Size(14)[1]))
        { Type = StyleValues.Paragraph, StyleId = "TableText" });

        styles.Append(new Style(
            new StyleName { Val = "Table Text Compact" }, new BasedOn { Val = "TableText" }, new PrimaryStyle(),
            new StyleRunProperties(Size(12)[0], Size(12)[1]))
        { Type = StyleValues.Paragraph, StyleId = "TableTextCompact" });

        int[] headingSizes = [18, 16, 16];
        for (var level = 1; level <= 3; level++)
        {
            styles.Append(new Style(
                new StyleName { Val = "heading " + level }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = level == 1 ? "240" : "120", After = "60" },
                    new OutlineLevel { Val = level - 1 }),
                new StyleRunProperties(new Bold(), new BoldComplexScript(), Size(headingSizes[level - 1])[0], Size(headingSizes[level - 1])[1]))
            { Type = StyleValues.Paragraph, StyleId = "Heading" + level });
        }
        return styles;
    }
}
