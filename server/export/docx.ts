import { AlignmentType, BorderStyle, Document, HeadingLevel, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Locale } from '../../lib/i18n';
import { exportHeading, templateRows, type ExportableSheet } from '../../lib/sheet/export';

const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

/** Lines of text as paragraphs, so line breaks survive in Word. */
const lines = (text: string, bold = false) => (text ? text.split('\n') : ['']).map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] }));

function cell(children: Array<Paragraph | Table>, width: number, shaded = false) {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.PERCENTAGE },
    borders,
    shading: shaded ? { type: ShadingType.CLEAR, fill: 'F2F3F5', color: 'auto' } : undefined,
    margins: { top: 80, bottom: 80, left: 100, right: 100 },
  });
}

/**
 * The sheet as a Word document laid out as the template circulates: a two-column table of the
 * template's rows (label, content), with the tasks as a table inside their row.
 */
export async function toDocx(sheet: ExportableSheet, locale: Locale, at: string): Promise<Buffer> {
  const rows = templateRows(sheet, locale).map((row) => {
    const content =
      'tasks' in row
        ? [
            new Table({
              width: { size: 100, type: WidthType.PERCENTAGE },
              rows: [row.tasks.head, ...row.tasks.rows].map(
                (cells, i) => new TableRow({ tableHeader: i === 0, children: cells.map((c) => cell(lines(c, i === 0), 100 / cells.length, i === 0)) }),
              ),
            }),
            new Paragraph(''),
          ]
        : lines(row.text);
    return new TableRow({ cantSplit: !('tasks' in row), children: [cell(lines(row.label, true), 22, true), cell(content, 78)] });
  });
  const doc = new Document({
    styles: { default: { document: { run: { font: { ascii: 'Calibri', eastAsia: 'Microsoft YaHei' }, size: 21 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(sheet.meta.title)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: exportHeading(sheet, locale, at), color: '666666' })] }),
          new Paragraph(''),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
