import { describe, expect, it } from 'vitest';
import { parseCsvText } from '@/lib/csv-parse';
import { allocationsCsv, MASKED_FILE_MESSAGE, NO_ROWS_MESSAGE, readAllocationsFile } from './allocations-csv';

const members = new Map(['ana', 'bo', '=cmd'].map((u) => [u.toLowerCase(), u]));
const isMember = (u: string) => members.get(u.toLowerCase());

describe('the allocations CSV dialect', () => {
  it('reads back what it writes, other columns ignored', () => {
    const text = allocationsCsv(
      [
        { username: 'ana', credits: null, extra: ['Ana A', 'applied'] },
        { username: 'bo', credits: 12.5, extra: ['Bo B', 'failed'] },
        { username: '=cmd', credits: 0, extra: ['', ''] },
      ],
      { columns: ['full_name', 'outcome'] },
    );
    expect(text.split('\r\n')[0]).toBe('username,credits,full_name,outcome');
    const file = readAllocationsFile(parseCsvText(text), isMember);
    expect(file.problems).toEqual([]);
    expect(file.targets.map((t) => [t.username, t.after])).toEqual([
      ['ana', null],
      ['bo', 12.5],
      ['=cmd', 0],
    ]);
  });

  it('explains why a presentation-mode export cannot be applied', () => {
    const text = allocationsCsv([{ username: 'member1234', credits: 5 }], { masked: true });
    const file = readAllocationsFile(parseCsvText(text), isMember);
    expect(file.masked).toBe(true);
    expect(file.targets).toEqual([]);
    expect(file.problems).toEqual([]);
    expect(file.fileProblem).toBe(MASKED_FILE_MESSAGE);
  });

  it('gives a line-numbered problem for every row it cannot use', () => {
    const file = readAllocationsFile(
      parseCsvText('username,credits\nana,-3\nnobody,4\nbo,\nana,5\n,7\n'),
      isMember,
    );
    expect(file.targets).toEqual([]);
    expect(file.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    expect(file.problems[0]?.message).toMatch(/negative/);
  });

  it('names the missing column in one message for the file, not a problem per row', () => {
    const file = readAllocationsFile(parseCsvText('username,allocated\nana,5\nbo,"6\n'), isMember);
    expect(file.problems).toEqual([]);
    expect(file.targets).toEqual([]);
    expect(file.fileProblem).toMatch(/^This file has no “credits” column\. /);
    expect(file.fileProblem).toContain('“username” and “credits” (a number, or “no limit”)');
    expect(file.firstRow).toBe('username, allocated');
  });

  it('names both columns when a file has no header row at all', () => {
    const file = readAllocationsFile(parseCsvText('ana,5\nbo,6\n'), isMember);
    expect(file.problems).toEqual([]);
    expect(file.fileProblem).toMatch(/^This file has no “username” and “credits” columns\. /);
    expect(file.firstRow).toBe('ana, 5');
  });

  it('says so when there are no rows under the header', () => {
    const file = readAllocationsFile(parseCsvText('username,credits\n\n'), isMember);
    expect(file.fileProblem).toBe(NO_ROWS_MESSAGE);
    expect(file.problems).toEqual([]);
  });
});
