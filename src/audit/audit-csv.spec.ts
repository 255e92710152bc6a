import { csvCell, toCsv } from './audit-csv';

describe('audit CSV', () => {
  it('should quote every cell and double the quotes inside it', () => {
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell('a "quoted", word')).toBe('"a ""quoted"", word"');
    expect(csvCell('two\nlines\r\n')).toBe('"two\nlines\r\n"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(42)).toBe('"42"');
  });

  it('should neutralise a leading formula character so a spreadsheet shows it as text', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}SUM(A1)`)).toBe(`"'${start}SUM(A1)"`);
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    // Only at the start: a formula character elsewhere is ordinary text.
    expect(csvCell('a=b')).toBe('"a=b"');
  });

  it('should write a header and CRLF-terminated rows', () => {
    expect(
      toCsv(
        ['id', 'action'],
        [
          ['1', 'post.viewed'],
          ['2', null],
        ],
      ),
    ).toBe('"id","action"\r\n"1","post.viewed"\r\n"2",""\r\n');
  });
});
