import type { Worksheet } from 'exceljs';

/**
 * Cell notes are the dearest thing in the audit: exceljs renders each one through a dozen
 * little XML builders (the note and its legacy VML shape), which took ~40 µs a note, a third of
 * the whole workbook's time with 40,000 notes. This writes the same XML (for exceljs 4.4's
 * default notes, the only kind the audit makes) from string templates instead.
 *
 * It replaces one method of the worksheet's comments writer, a private part of exceljs; when
 * that is missing (another exceljs version), exceljs's own writer stays and only speed differs.
 */
interface CommentModel {
  ref: string;
  refAddress: { row: number; col: number };
  note: { texts: { text: string }[] };
}

interface CommentsWriter {
  _writeComment(comment: CommentModel, index: number): void;
  commentsStream: { write(text: string): void };
  vmlStream: { write(text: string): void };
}

// eslint-disable-next-line no-control-regex -- XML 1.0 forbids these characters: matching them is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function xmlText(text: string): string {
  return text.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const SHAPE_START =
  '" type="#_x0000_t202" style="position:absolute; margin-left:105.3pt;margin-top:10.5pt;width:97.8pt;height:59.1pt;' +
  'z-index:1;visibility:hidden" fillcolor="infoBackground [80]" strokecolor="none [81]" o:insetmode="auto">' +
  '<v:fill color2="infoBackground [80]"/><v:shadow color="none [81]" obscured="t"/><v:path o:connecttype="none"/>' +
  '<v:textbox style="mso-direction-alt:auto" inset="1.3mm,1.3mm,2.5mm,2.5mm"><div style="text-align:left"/></v:textbox>' +
  '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>';
const SHAPE_LOCKS = '</x:Anchor><x:Locked>True</x:Locked><x:AutoFill>False</x:AutoFill><x:LockText>True</x:LockText><x:Row>';

export function useFastNotes(worksheet: Worksheet): void {
  const writer = (worksheet as unknown as { _sheetCommentsWriter?: Partial<CommentsWriter> })._sheetCommentsWriter;
  if (!writer || typeof writer._writeComment !== 'function') return;
  const fast = function (this: CommentsWriter, comment: CommentModel, index: number): void {
    const text = comment.note.texts.map((t) => t.text).join('');
    const space = /^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : '';
    this.commentsStream.write(
      `<comment ref="${comment.ref}" authorId="0"><text><r><t${space}>${xmlText(text)}</t></r></text></comment>`,
    );
    const { row, col } = comment.refAddress;
    const top = Math.max(row - 2, 0);
    this.vmlStream.write(
      `<v:shape id="_x0000_s${1025 + index}${SHAPE_START}${col}, 6, ${top}, 14, ${col + 2}, 2, ${top + 4}, 16` +
        `${SHAPE_LOCKS}${row - 1}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`,
    );
  };
  writer._writeComment = fast;
}
