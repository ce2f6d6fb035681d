import type { TranscriptEntry } from '../../../domain/contract/call';

/** A transcript line as the extractors read it: `assistant: …`, `user: …`, `tool end_call(…): …`. */
export function transcriptLine(entry: TranscriptEntry): string {
  if (entry.role !== 'tool') return `${entry.role}: ${entry.content}`;
  const args =
    entry.tool_arguments === undefined || entry.tool_arguments === null ? '' : JSON.stringify(entry.tool_arguments);
  return `tool ${entry.tool_name ?? 'unknown'}(${args}): ${entry.content}`;
}

/**
 * Splits a transcript into pieces of at most `maxChars` characters (lines joined by newlines), each piece
 * starting with up to `overlapChars` of the previous piece's last lines so a question and its answer are seen
 * together. A single line longer than `maxChars` is cut into consecutive slices. Nothing is dropped: every
 * character of every line is in at least one piece.
 */
export function chunkTranscript(entries: readonly TranscriptEntry[], maxChars: number, overlapChars: number): string[] {
  if (maxChars < 1) throw new RangeError('maxChars must be positive');
  const lines = entries.flatMap((entry) => sliceLine(transcriptLine(entry), maxChars));
  const pieces: string[] = [];
  let current: string[] = [];
  let size = 0;

  for (const line of lines) {
    if (current.length > 0 && size + line.length + 1 > maxChars) {
      pieces.push(current.join('\n'));
      current = overlapTail(current, Math.min(overlapChars, maxChars - line.length - 1));
      size = current.reduce((sum, l) => sum + l.length + 1, 0);
    }
    current.push(line);
    size += line.length + 1;
  }
  if (current.length > 0) pieces.push(current.join('\n'));
  return pieces;
}

function sliceLine(line: string, maxChars: number): string[] {
  if (line.length <= maxChars) return [line];
  const slices: string[] = [];
  for (let start = 0; start < line.length; start += maxChars) slices.push(line.slice(start, start + maxChars));
  return slices;
}

/** The last lines of `lines` whose total length (with newlines) stays within `budget`. */
function overlapTail(lines: readonly string[], budget: number): string[] {
  const tail: string[] = [];
  let size = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (size + line.length + 1 > budget) break;
    tail.unshift(line);
    size += line.length + 1;
  }
  return tail;
}
